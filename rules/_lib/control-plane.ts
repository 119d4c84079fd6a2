/**
 * Control-plane components run as static pods (kubeadm's /etc/kubernetes/manifests/*.yaml): their
 * hardening lives in the container's command line. This module finds the component a container runs,
 * reads its flags the way the component's flag parser does, and builds one rule per flag requirement.
 */
import { defineRule, isRecord, type ContainerRef, type Goal, type Path, type PeerTool, type Profile, type Rule, type Severity } from '../../engine';

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Components whose official images start them from `args` alone (kubelet has no such image). */
const IMAGE_COMPONENTS: ReadonlySet<string> = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);

export interface Flag {
  name: string;
  /** The value; `true` for a bare `--name`. */
  value: string | true;
  /** The element holding `--name…`. */
  path: Path;
  /** The element holding the value: the same element for `--name=value` and bare flags, the next one for `--name value`. */
  valuePath: Path;
  /** True when the value is written in the same element (`--name=value`) or the flag is bare. */
  inline: boolean;
}

export interface CommandLine {
  component: Component;
  container: ContainerRef;
  /** Where a missing flag is reported: the `command` key, else `args`. */
  anchor: Path;
  /** Last occurrence of each flag (as the components' flag parsers keep it). */
  flags: ReadonlyMap<string, Flag>;
}

function basename(s: string): string {
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

function asComponent(s: unknown): Component | undefined {
  if (typeof s !== 'string') return undefined;
  const b = basename(s.trim());
  return (COMPONENTS as readonly string[]).includes(b) ? (b as Component) : undefined;
}

/** `registry.k8s.io/kube-apiserver:v1.31.2` -> `kube-apiserver` (also `…/kube-apiserver-amd64`). */
function imageComponent(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const repo = basename(image.split('@')[0].replace(/:[^/:]*$/, ''));
  return repo.replace(/-(amd64|arm64|arm|ppc64le|s390x)$/, '');
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') ? v.map(String) : undefined;
}

/**
 * The component a container runs and its flags, or undefined when it runs none (or a shell script,
 * which is not read). `command[0]` names the component; without `command`, `args[0]` does when the image
 * is that component's own image.
 */
export function commandLine(c: ContainerRef): CommandLine | undefined {
  const command = c.value.command === undefined ? undefined : stringList(c.value.command);
  const args = c.value.args === undefined ? [] : stringList(c.value.args);
  if (c.value.command !== undefined && !command) return undefined;
  if (!args) return undefined;
  const tokens: Array<{ text: string; path: Path }> = [];
  let component: Component | undefined;
  let anchor: Path;
  if (command && command.length) {
    // the old all-in-one `hyperkube` binary takes the component as its first argument
    const argv = [...command.map((text, i) => ({ text, path: [...c.path, 'command', i] as Path })), ...args.map((text, i) => ({ text, path: [...c.path, 'args', i] as Path }))];
    let start = 1;
    if (basename(command[0].trim()) === 'hyperkube' && argv.length > 1) {
      const sub = argv[1].text.trim();
      component = asComponent(sub) ?? asComponent(`kube-${sub}`);
      start = 2;
    } else {
      component = asComponent(command[0]);
    }
    if (!component) return undefined;
    anchor = [...c.path, 'command'];
    tokens.push(...argv.slice(start));
  } else {
    component = asComponent(args[0]);
    if (!component || !IMAGE_COMPONENTS.has(component) || imageComponent(c.value.image) !== component) return undefined;
    anchor = [...c.path, 'args'];
    args.slice(1).forEach((text, i) => tokens.push({ text, path: [...c.path, 'args', i + 1] }));
  }
  const flags = parseFlags(tokens);
  if (component === 'etcd') addEtcdEnv(c, flags);
  return { component, container: c, anchor, flags };
}

/**
 * etcd also reads each flag from an `ETCD_<NAME>` environment variable (`ETCD_CLIENT_CERT_AUTH` for
 * `--client-cert-auth`) when the command line does not set it.
 */
function addEtcdEnv(c: ContainerRef, flags: Map<string, Flag>): void {
  const env = c.value.env;
  if (!Array.isArray(env)) return;
  env.forEach((e: unknown, i) => {
    if (!isRecord(e) || typeof e.name !== 'string' || !/^ETCD_[A-Z0-9_]+$/.test(e.name)) return;
    if (typeof e.value !== 'string' && typeof e.value !== 'number' && typeof e.value !== 'boolean') return;
    const name = e.name.slice(5).toLowerCase().replace(/_/g, '-');
    if (flags.has(name)) return;
    const path = [...c.path, 'env', i, 'value'];
    flags.set(name, { name, value: String(e.value), path, valuePath: path, inline: false });
  });
}

/** `--name=value`, `--name value` (the next element does not start with `--`) and bare `--name`; the last one wins. */
export function parseFlags(tokens: ReadonlyArray<{ text: string; path: Path }>): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text.trim();
    const m = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)(=([\s\S]*))?$/.exec(t);
    if (!m || (t[1] !== '-' && m[1].length === 1)) continue; // `-v=2` style shorthands are not the flags we read
    const name = m[1];
    if (m[2] !== undefined) {
      flags.set(name, { name, value: m[3], path: tokens[i].path, valuePath: tokens[i].path, inline: true });
      continue;
    }
    const next = tokens[i + 1];
    if (next && !next.text.trim().startsWith('--')) {
      flags.set(name, { name, value: next.text.trim(), path: tokens[i].path, valuePath: next.path, inline: false });
      i++;
    } else {
      flags.set(name, { name, value: true, path: tokens[i].path, valuePath: tokens[i].path, inline: true });
    }
  }
  return flags;
}

/** A boolean flag's value as Go's strconv.ParseBool reads it; undefined when it is not a boolean. */
export function boolOf(v: string | true): boolean | undefined {
  if (v === true) return true;
  const s = v.trim();
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  return undefined;
}

/** A comma-separated list flag (`--authorization-mode=Node,RBAC`). */
export function listOf(v: string | true | undefined): string[] {
  if (v === undefined || v === true) return [];
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** `--feature-gates=A=true,B=false` as a map. */
export function featureGates(v: string | true | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of listOf(v)) {
    const eq = part.indexOf('=');
    if (eq > 0) m.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return m;
}

/** Admission plugins the API server turns on when `--enable-admission-plugins` does not name them (1.31). */
export const DEFAULT_ADMISSION_PLUGINS: ReadonlySet<string> = new Set([
  'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority',
  'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection', 'PersistentVolumeClaimResize',
  'RuntimeClass', 'CertificateApproval', 'CertificateSigning', 'ClusterTrustBundleAttest', 'CertificateSubjectRestriction',
  'DefaultIngressClass', 'MutatingAdmissionWebhook', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionWebhook', 'ResourceQuota',
]);

export interface PluginState {
  enabled: boolean;
  /** The flag that decides it (where a finding about it is shown), if any. */
  flag?: Flag;
}

/**
 * Whether an admission plugin runs: named in `--disable-admission-plugins` turns it off; named in
 * `--enable-admission-plugins` (or the legacy `--admission-control`, which replaces the default list) turns
 * it on; otherwise the default list decides.
 */
export function admissionPlugin(cl: CommandLine, plugin: string): PluginState {
  const disable = cl.flags.get('disable-admission-plugins');
  if (disable && listOf(disable.value).includes(plugin)) return { enabled: false, flag: disable };
  const legacy = cl.flags.get('admission-control');
  if (legacy) return { enabled: listOf(legacy.value).includes(plugin), flag: legacy };
  const enable = cl.flags.get('enable-admission-plugins');
  if (enable && listOf(enable.value).includes(plugin)) return { enabled: true, flag: enable };
  return { enabled: DEFAULT_ADMISSION_PLUGINS.has(plugin), flag: enable };
}

/** A finding of a flag rule: where it goes (a flag's element, else the command) and an optional value fix. */
export interface Verdict {
  messageId: string;
  data?: Record<string, string | number>;
  /** Report on this flag's value element; omit to report on the command (a missing flag). */
  at?: Flag;
  /** Replace the value of `at` with this (a `review` fix). */
  fixValue?: string;
  /** This finding's severity when it is milder than the rule's (a default that is only a question of sizing). */
  severity?: Severity;
}

export interface FlagRuleSpec {
  id: string;
  title: string;
  component: Component;
  goals: Goal[];
  severity: Severity;
  profiles: Profile[];
  principle?: string;
  summary: string;
  recipe: string;
  peers: Partial<Record<PeerTool, string[]>>;
  messages: Record<string, string>;
  check(cl: CommandLine): Verdict | undefined;
  /** Rules that offer a value fix say so (`{ safety: 'review' }`), which is what the catalog lists. */
  fix?: { safety: 'review' };
}

const COMPONENT_LABEL: Record<Component, string> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
  kubelet: 'kubelet',
};

/** The text of a flag element with a new value, keeping its `--name=` or split form. */
function fixedText(f: Flag, value: string): string {
  return f.inline ? `--${f.name}=${value}` : value;
}

/** One rule for one flag requirement of one component. */
export function flagRule(spec: FlagRuleSpec): Rule {
  return defineRule({
    meta: {
      id: spec.id,
      title: spec.title,
      category: 'cluster',
      goals: spec.goals,
      severity: spec.severity,
      appliesTo: ['podSpec'],
      profiles: spec.profiles,
      layer: 'orchestrator',
      principle: spec.principle ?? 'secure by default',
      docs: { summary: spec.summary, recipe: spec.recipe },
      peers: spec.peers,
      messages: spec.messages,
    },
    check(ctx) {
      for (const c of ctx.containers()) {
        const cl = commandLine(c);
        if (!cl || cl.component !== spec.component) continue;
        // with --config-file etcd ignores its command line and environment: nothing here can be judged
        if (cl.component === 'etcd' && cl.flags.has('config-file')) continue;
        const v = spec.check(cl);
        if (!v) continue;
        const data = { container: c.name, component: COMPONENT_LABEL[cl.component], ...(v.data ?? {}) };
        const severity = v.severity ? { severity: v.severity } : {};
        if (!v.at) {
          ctx.report({ messageId: v.messageId, data, path: cl.anchor, ...severity });
          continue;
        }
        const fix = spec.fix && v.fixValue !== undefined
          ? { title: `Set --${v.at.name}=${v.fixValue}`, safety: spec.fix.safety, ops: [{ op: 'set' as const, path: v.at.valuePath, value: fixedText(v.at, v.fixValue) }] }
          : undefined;
        ctx.report({ messageId: v.messageId, data, path: v.at.valuePath, ...(fix ? { fix } : {}), ...severity });
      }
    },
  });
}

// ---- requirement builders: each returns the check of one rule ----

/**
 * Whether an unwritten flag says nothing about the setting: the kubelet reads most settings from `--config`
 * (a KubeletConfiguration file, with defaults of its own), and the API server can take authorization and
 * anonymous authentication from structured configuration files instead of flags.
 */
function unknownWhenMissing(cl: CommandLine, name: string): boolean {
  if (cl.component === 'kubelet') return cl.flags.has('config');
  if (cl.component === 'kube-apiserver') {
    // structured authorization / authentication configuration files replace these flags (1.30+)
    if (name === 'authorization-mode') return cl.flags.has('authorization-config');
    if (name === 'anonymous-auth') return cl.flags.has('authentication-config');
  }
  return false;
}

/** A boolean flag that must be `want`; `dflt` is the component's default when the flag is absent. */
export function boolMust(name: string, want: boolean, dflt: boolean): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    if (!f) return dflt === want || unknownWhenMissing(cl, name) ? undefined : { messageId: 'missing' };
    return boolOf(f.value) === want ? undefined : { messageId: 'wrong', at: f, data: { value: String(f.value) }, fixValue: String(want) };
  };
}

/** A flag that must not be written at all. */
export function notSet(name: string): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    return f ? { messageId: 'set', at: f } : undefined;
  };
}

/** Flags that must all be written with a non-empty value. */
export function required(...names: string[]): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    if (names.some((n) => unknownWhenMissing(cl, n))) return undefined;
    for (const n of names) {
      const f = cl.flags.get(n);
      if (f && (f.value === true || f.value.trim() === '')) return { messageId: 'missing', at: f, data: { flag: `--${n}` } };
    }
    const missing = names.filter((n) => !cl.flags.has(n));
    return missing.length ? { messageId: 'missing', data: { flag: missing.map((n) => `--${n}`).join(' and ') } } : undefined;
  };
}

/**
 * An integer flag that must be at least `min`. `zero`: what an explicit 0 means — `ok` (accepted) or `unlimited`
 * (reported as `unlimited`: the component then keeps without limit).
 * `missing`: whether an unwritten flag is reported (`missing`).
 */
export function intAtLeast(name: string, min: number, opts: { zero: 'ok' | 'unlimited'; missing: boolean }): (cl: CommandLine) => Verdict | undefined {
  return (cl): Verdict | undefined => {
    const f = cl.flags.get(name);
    if (!f) return opts.missing && !unknownWhenMissing(cl, name) ? { messageId: 'missing', data: { min } } : undefined;
    const s = f.value === true ? '' : f.value.trim();
    const n = /^-?\d+$/.test(s) ? Number(s) : NaN;
    if (Number.isNaN(n)) return { messageId: 'wrong', at: f, data: { value: String(f.value), min } };
    if (n >= min) return undefined;
    if (n === 0 && opts.zero === 'ok') return undefined;
    if (n === 0 && opts.zero === 'unlimited') return { messageId: 'unlimited', at: f, data: { value: s, min } };
    return { messageId: 'wrong', at: f, data: { value: s, min } };
  };
}

/** An integer-valued flag that must not be `bad`; `dflt` applies when absent. */
export function intNot(name: string, bad: (n: number) => boolean, dflt: number | undefined, fixValue?: string): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    if (!f) return dflt !== undefined && bad(dflt) && !unknownWhenMissing(cl, name) ? { messageId: 'missing' } : undefined;
    const s = f.value === true ? '' : f.value.trim();
    if (!/^-?\d+$/.test(s)) return { messageId: 'wrong', at: f, data: { value: String(f.value) }, ...(fixValue ? { fixValue } : {}) };
    return bad(Number(s)) ? { messageId: 'wrong', at: f, data: { value: s }, ...(fixValue ? { fixValue } : {}) } : undefined;
  };
}

/** True when the API server writes its audit log to standard output (`--audit-log-path=-`): no files to rotate or keep. */
export function auditLogToStdout(cl: CommandLine): boolean {
  const f = cl.flags.get('audit-log-path');
  return !!f && f.value !== true && f.value.trim() === '-';
}

/** Seconds in a Go duration (`1m30s`, `4h`); undefined when it is not one. */
export function durationSeconds(v: string | true): number | undefined {
  if (v === true) return undefined;
  const s = v.trim();
  if (s === '0') return 0;
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const re = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  if (!body) return undefined;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return sign * total;
}

/** An address flag that must be a loopback address; `dflt` (all interfaces) applies when absent. */
export function loopbackAddress(name: string): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    if (!f) return { messageId: 'missing' };
    const v = f.value === true ? '' : f.value.trim();
    const loopback = /^127(\.\d{1,3}){3}$/.test(v) || v === '::1' || v === 'localhost';
    return loopback ? undefined : { messageId: 'wrong', at: f, data: { value: v }, fixValue: '127.0.0.1' };
  };
}

/** A list-valued flag (`--authorization-mode`) that must include `item`; `dflt` applies when absent. */
export function listIncludes(name: string, item: string, dflt: string[]): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    if (!f) return dflt.includes(item) || unknownWhenMissing(cl, name) ? undefined : { messageId: 'missing' };
    return listOf(f.value).includes(item) ? undefined : { messageId: 'wrong', at: f, data: { value: String(f.value) } };
  };
}

/** A list-valued flag that must not include `item`; `dflt` applies when absent. */
export function listExcludes(name: string, item: string, dflt: string[]): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get(name);
    if (!f) return dflt.includes(item) && !unknownWhenMissing(cl, name) ? { messageId: 'missing' } : undefined;
    return listOf(f.value).includes(item) ? { messageId: 'wrong', at: f, data: { value: String(f.value) } } : undefined;
  };
}

/** An admission plugin that must run (`want`) or must not. */
export function admission(plugin: string, want: boolean): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const s = admissionPlugin(cl, plugin);
    if (s.enabled === want) return undefined;
    if (want) {
      const disable = cl.flags.get('disable-admission-plugins');
      if (disable && listOf(disable.value).includes(plugin)) return { messageId: 'disabled', at: disable };
      return s.flag ? { messageId: 'notEnabled', at: s.flag } : { messageId: 'notEnabled' };
    }
    return { messageId: 'enabled', at: s.flag };
  };
}

/** A feature gate that must not be turned off (it is on by default). */
export function featureGateOn(gate: string): (cl: CommandLine) => Verdict | undefined {
  return (cl) => {
    const f = cl.flags.get('feature-gates');
    if (!f) return undefined;
    const gates = featureGates(f.value);
    const v = gates.get(gate);
    if (v === undefined || boolOf(v) !== false) return undefined;
    const fixed = listOf(f.value).map((p) => (p.split('=')[0].trim() === gate ? `${gate}=true` : p)).join(',');
    return { messageId: 'wrong', at: f, fixValue: fixed };
  };
}

/**
 * TLS cipher suites with forward secrecy and an AEAD cipher (the TLS 1.3 suites are not configurable and
 * always strong). Anything else in `--tls-cipher-suites` (CBC, RSA key exchange, 3DES, RC4) is weak.
 */
export const STRONG_CIPHERS: ReadonlySet<string> = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
]);

/** `--tls-cipher-suites`, when written, must list only strong suites (unset = Go's secure defaults). */
export function strongCiphers(cl: CommandLine): Verdict | undefined {
  const f = cl.flags.get('tls-cipher-suites');
  if (!f) return undefined;
  const weak = listOf(f.value).filter((s) => !STRONG_CIPHERS.has(s));
  if (f.value === true || f.value.trim() === '') return { messageId: 'weak', at: f, data: { weak: '(empty list)' } };
  return weak.length ? { messageId: 'weak', at: f, data: { weak: weak.join(', ') } } : undefined;
}
