// Shared Pod Security Standards helpers: allow-lists as of Kubernetes 1.37 and walkers over the places
// the Pod Security Admission checks look at (pod-level securityContext and each container's own).
import { isRecord, type ContainerRef, type Path, type PodSpecRef } from '../../engine';

/** The Kubernetes version the PSS rules target unless `kubernetesVersion` says otherwise. */
export const PSS_VERSION = '1.37';

/** Minor version of a `1.NN` (or `v1.NN`) option value; the default target when absent or unreadable. */
export function targetMinor(option: unknown): number {
  const m = typeof option === 'string' ? /^v?1\.(\d+)/.exec(option.trim()) : null;
  return m ? Number(m[1]) : Number(PSS_VERSION.split('.')[1]);
}

/** Sysctls added to the baseline allow-list after 1.26, with the minor version that added them. */
const SYSCTLS_SINCE: Readonly<Record<string, number>> = {
  'net.ipv4.ip_local_reserved_ports': 27,
  'net.ipv4.tcp_keepalive_time': 29,
  'net.ipv4.tcp_fin_timeout': 29,
  'net.ipv4.tcp_keepalive_intvl': 29,
  'net.ipv4.tcp_keepalive_probes': 29,
  'net.ipv4.tcp_rmem': 32,
  'net.ipv4.tcp_wmem': 32,
  'net.ipv4.tcp_slow_start_after_idle': 37,
  'net.ipv4.tcp_notsent_lowat': 37,
};

/** Whether the baseline level of Kubernetes 1.<minor> allows the sysctl. */
export function safeSysctl(name: string, minor: number): boolean {
  return SAFE_SYSCTLS.has(name) && (SYSCTLS_SINCE[name] ?? 0) <= minor;
}

/** Whether the baseline level of Kubernetes 1.<minor> allows the SELinux type (container_engine_t since 1.31). */
export function allowedSelinuxType(type: string, minor: number): boolean {
  return SELINUX_TYPES.has(type) && (type !== 'container_engine_t' || minor >= 31);
}

/** Since 1.35 the baseline level lets a pod with its own user namespace unmask /proc. */
export function procMountRelaxedForUserNamespace(minor: number): boolean {
  return minor >= 35;
}

/** Sysctls the baseline level allows (namespaced and isolated from the node), Kubernetes 1.37. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  // 1.27
  'net.ipv4.ip_local_reserved_ports',
  // 1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // 1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // 1.37
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/** SELinux types the baseline level allows (the empty string means "let the runtime choose"). */
export const SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Volume sources the restricted level allows (hostPath is judged by the baseline host-path-volume rule). */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** True when the pod runs in its own user namespace (`hostUsers: false`). */
export function usesUserNamespace(pod: PodSpecRef): boolean {
  return pod.value.hostUsers === false;
}


/** A securityContext as PSA reads it: the pod's, or one container's own (no inheritance). */
export interface SecurityContextSite {
  /** The securityContext map (empty when absent). */
  value: Record<string, unknown>;
  /** Where the securityContext is (or would be) written. */
  path: Path;
  /** The container, or undefined for the pod-level securityContext. */
  container?: ContainerRef;
}

/** The pod-level securityContext followed by every container's own securityContext. */
export function securityContextSites(pod: PodSpecRef, containers: ReadonlyArray<ContainerRef>): SecurityContextSite[] {
  const podSc = isRecord(pod.value.securityContext) ? pod.value.securityContext : {};
  const out: SecurityContextSite[] = [{ value: podSc, path: [...pod.path, 'securityContext'] }];
  for (const c of containers) out.push({ value: c.securityContext, path: [...c.path, 'securityContext'], container: c });
  return out;
}

/** A non-empty string value (PSA treats unset and "" alike). */
export function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Renders a scalar for a message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
