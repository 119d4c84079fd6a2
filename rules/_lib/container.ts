import { getPath, isRecord, type ContainerRef, type FixOp, type Path, type PodSpecRef, type RuleContext } from '../../engine';

/**
 * Pods with `spec.os.name: windows` are exempt from the Linux-only restricted controls
 * (allowPrivilegeEscalation, seccomp, capabilities); the API server also refuses those fields there.
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
  const os = pod.value.os;
  return isRecord(os) && os.name === 'windows';
}

/** The pod-level securityContext (empty when absent). */
export function podSecurityContext(pod: PodSpecRef): Record<string, unknown> {
  return isRecord(pod.value.securityContext) ? pod.value.securityContext : {};
}

/** Path of a pod-level securityContext field. */
export function podScPath(pod: PodSpecRef, ...rest: string[]): Path {
  return [...pod.path, 'securityContext', ...rest];
}

/** Path of a container-level securityContext field. */
export function containerScPath(c: ContainerRef, ...rest: Array<string | number>): Path {
  return [...c.path, 'securityContext', ...rest];
}

/** Path of the pod template's metadata (the Pod's own metadata for a Pod). */
export function podMetadataPath(pod: PodSpecRef): Path {
  return pod.metadataPath;
}

/** A resource quantity that is written: an empty string counts as not set (it is no quantity). */
export function quantitySet(v: unknown): boolean {
  return isSet(v) && v !== '';
}

/** Whether a field is written (null counts as unset, as in the API server's decoding). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export interface CapabilityEntry { value: string; index: number; path: Path }

/** The container's `capabilities.add` or `.drop` entries, or undefined when the list is not written. */
export function capabilityList(c: ContainerRef, which: 'add' | 'drop'): CapabilityEntry[] | undefined {
  const caps = c.securityContext.capabilities;
  if (!isRecord(caps) || !Array.isArray(caps[which])) return undefined;
  return (caps[which] as unknown[]).map((v, index) => ({ value: String(v), index, path: containerScPath(c, 'capabilities', which, index) }));
}

/** Capabilities the Pod Security Standards baseline level lets a container add. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The only capability the restricted level lets a container add. */
export const RESTRICTED_ADDABLE = 'NET_BIND_SERVICE';

/** Seccomp profile types that the restricted level accepts. */
export function isConfinedSeccompType(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** `seccompProfile.type` of a written seccompProfile value (undefined when the map or type is missing). */
export function seccompType(profile: unknown): unknown {
  return isRecord(profile) ? profile.type : undefined;
}

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** The pod template's annotations as a plain record. */
export function podAnnotations(pod: PodSpecRef): Record<string, unknown> {
  return isRecord(pod.metadata.annotations) ? pod.metadata.annotations : {};
}

/**
 * Whether a legacy seccomp annotation value confines: `runtime/default` and its old alias `docker/default` mean
 * RuntimeDefault, `localhost/<file>` means Localhost. When a pod is created with such an annotation and no
 * `seccompProfile` field, the API server copies it into the field (the version-skew handling of seccomp GA).
 */
export function legacySeccompConfined(v: unknown): boolean {
  return typeof v === 'string' && (v === 'runtime/default' || v === 'docker/default' || (v.startsWith('localhost/') && v.length > 'localhost/'.length));
}

/**
 * The legacy seccomp annotation that applies to a container: its own
 * `container.seccomp.security.alpha.kubernetes.io/<name>`, else the pod-wide one.
 */
export function legacySeccompAnnotation(c: ContainerRef): unknown {
  const a = podAnnotations(c.pod);
  const own = a[SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name];
  return isSet(own) ? own : a[SECCOMP_POD_ANNOTATION];
}

/**
 * The check of the rules that judge one boolean switch (`hostPID`, `hostIPC`, `hostNetwork`, a PodSecurityPolicy's
 * `privileged`, …): when `field` under `base` is `true` (YAML 1.1 `yes`/`on`/`y` arrive as true; a quoted "true"
 * is a string the API server refuses), reports it with a review fix to `false`. The message id is the field.
 */
export function reportSwitchOn(ctx: RuleContext, base: Path, field: string): void {
  if (getPath(ctx.object.value, [...base, field]) !== true) return;
  const path = [...base, field];
  ctx.report({ messageId: field, path, fix: { title: `Set ${field}: false`, safety: 'review', ops: [{ op: 'set', path, value: false }] } });
}

/** What a fix writes for a request that has no limit to copy: a starting point, for the user to size. */
export const STARTING_REQUEST = { cpu: '100m', memory: '128Mi' } as const;

/**
 * Fix ops that add the missing `cpu`/`memory` keys of a container's `resources.limits` or `resources.requests`
 * (at `path`): one flow map when the block is missing (`limits: {cpu: …, memory: …}`), else the missing keys.
 */
export function addResourceKeys(path: Path, blockExists: boolean, missing: ReadonlyArray<'cpu' | 'memory'>,
  value: (r: 'cpu' | 'memory') => string | number): FixOp[] {
  return blockExists ? missing.map((r) => ({ op: 'set' as const, path: [...path, r], value: value(r) }))
    : [{ op: 'set' as const, path: [...path], value: Object.fromEntries(missing.map((r) => [r, value(r)])) }];
}
