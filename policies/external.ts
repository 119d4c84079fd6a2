/**
 * Cluster stand-ins: what a policy reads from the live cluster, given offline in the Kyverno CLI's own files
 * (cli.kyverno.io/v1alpha1 `Values`, `Context`, `UserInfo`). With them a rule that needs a lookup, the requesting
 * user or a Namespace's labels is evaluated; without them it stays "not evaluated".
 */
import { isRecord } from '../engine';
import { labelsOf } from './match';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, unknown>;
}

export interface PolicyValues {
  /** rule name -> variables (dotted keys such as `request.operation` set nested fields). */
  rules: Map<string, Record<string, unknown>>;
  /** resource name -> variables for that resource. */
  resources: Map<string, Record<string, unknown>>;
}

export interface External {
  globalValues: Record<string, unknown>;
  policies: Map<string, PolicyValues>;
  /** Namespace objects (Values `namespaces`, and `namespaceSelector` labels turned into Namespaces). */
  namespaces: Record<string, unknown>[];
  userInfo?: UserInfo;
  roles: string[];
  clusterRoles: string[];
  /** Objects that `resource.Get/List` (Kyverno CEL) find. */
  resources: Record<string, unknown>[];
  /** image reference -> image data (`manifest`, `config`, ...), as `image.GetMetadata` returns it. */
  images: Map<string, Record<string, unknown>>;
}

export function emptyExternal(): External {
  return { globalValues: {}, policies: new Map(), namespaces: [], roles: [], clusterRoles: [], resources: [], images: new Map() };
}

/**
 * Reads Kyverno CLI stand-in documents into one External; anything else is skipped with a message.
 * `where` names each document in messages (e.g. `values.yaml:1`).
 */
export function readExternal(docs: ReadonlyArray<{ value: unknown; where: string }>, into: External = emptyExternal()): { external: External; errors: string[] } {
  const errors: string[] = [];
  for (const { value, where } of docs) {
    if (!isRecord(value)) { errors.push(`${where}: expected a mapping (a cli.kyverno.io Values, Context or UserInfo document)`); continue; }
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (kind === 'Context') readContext(rec(value.spec), into);
    else if (kind === 'UserInfo') readUserInfo(value, into, where, errors);
    else if (kind === 'Values' || kind === 'Value' || (!kind && (value.policies !== undefined || value.globalValues !== undefined || value.namespaceSelector !== undefined))) readValues(value, into, where, errors);
    else errors.push(`${where}: kind ${kind || '(none)'} is not a cli.kyverno.io Values, Context or UserInfo document`);
  }
  return { external: into, errors };
}

function readValues(v: Record<string, unknown>, into: External, where: string, errors: string[]): void {
  Object.assign(into.globalValues, rec(v.globalValues));
  for (const p of arr(v.policies).map(rec)) {
    const name = typeof p.name === 'string' ? p.name : '';
    if (!name) { errors.push(`${where}: a policies entry has no name`); continue; }
    let pv = into.policies.get(name);
    if (!pv) { pv = { rules: new Map(), resources: new Map() }; into.policies.set(name, pv); }
    for (const r of arr(p.rules).map(rec)) if (typeof r.name === 'string') pv.rules.set(r.name, { ...(pv.rules.get(r.name) ?? {}), ...rec(r.values) });
    for (const r of arr(p.resources).map(rec)) if (typeof r.name === 'string') pv.resources.set(r.name, { ...(pv.resources.get(r.name) ?? {}), ...rec(r.values) });
  }
  for (const n of arr(v.namespaceSelector).map(rec)) {
    if (typeof n.name !== 'string') continue;
    into.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: labelsOf(n.labels) } });
  }
  for (const n of arr(v.namespaces).map(rec)) if (typeof rec(n.metadata).name === 'string') into.namespaces.push(n);
}

function readContext(spec: Record<string, unknown>, into: External): void {
  for (const r of arr(spec.resources)) if (isRecord(r)) into.resources.push(r);
  for (const i of arr(spec.images).map(rec)) if (typeof i.image === 'string') into.images.set(i.image, i);
}

function readUserInfo(v: Record<string, unknown>, into: External, where: string, errors: string[]): void {
  const u = rec(v.userInfo);
  if (typeof u.username !== 'string') { errors.push(`${where}: userInfo.username is missing`); return; }
  into.userInfo = { username: u.username, ...(typeof u.uid === 'string' ? { uid: u.uid } : {}), groups: arr(u.groups).map(String), ...(isRecord(u.extra) ? { extra: u.extra } : {}) };
  into.roles = arr(v.roles).map(String);
  into.clusterRoles = arr(v.clusterRoles).map(String);
}

/** `system:serviceaccount:NS:NAME` -> its parts (empty strings for any other user). */
export function parseServiceAccount(username: string): { namespace: string; name: string } {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  return m ? { namespace: m[1], name: m[2] } : { namespace: '', name: '' };
}

/** Variables for one Kyverno rule on one resource: global, then the resource's, then the rule's (later wins). */
export function kyvernoValues(ext: External | undefined, policy: string, rule: string, resource: string): Record<string, unknown> | undefined {
  if (!ext) return undefined;
  const pv = ext.policies.get(policy);
  const out = { ...ext.globalValues, ...(pv?.resources.get(resource) ?? {}), ...(pv?.rules.get(rule) ?? {}) };
  return Object.keys(out).length ? out : undefined;
}

/** Sets a dotted key (`request.operation`, `cm.data.key`) in a copy-on-write way: shared sub-objects are copied. */
export function setDotted(data: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    const copy: Record<string, unknown> = isRecord(next) ? { ...next } : {};
    cur[parts[i]] = copy;
    cur = copy;
  }
  cur[parts[parts.length - 1]] = value;
}
