/**
 * Cluster stand-ins: what a policy reads from the live cluster, given offline in the Kyverno CLI's own files
 * (cli.kyverno.io/v1alpha1 `Values`, `Context`, `UserInfo`). With them a rule that needs a lookup, the requesting
 * user or a Namespace's labels is evaluated; without them it stays "not evaluated".
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { checkText, isRecord, type PolicySettings } from '../engine';
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

// ---- stand-ins named in .kubehex.yaml (policies.values, policies.context, policies.userInfo) ----

/** One problem with a stand-in file, at its line (1-based); `config`: the line of `.kubehex.yaml` that names it. */
export interface StandInError {
  file: string;
  line: number;
  message: string;
  /** The line of `.kubehex.yaml` that names the file (the editor shows the problem there too). */
  configLine?: number;
}

export type StandInKey = 'values' | 'context' | 'userInfo';

/** What reading a file gave: its text, or why there is none ("no such file", "too large ..."). */
export type StandInRead = { ok: true; text: string } | { ok: false; message: string };

/** Kinds a document under each key may have (a Values file may omit its kind, as the Kyverno CLI allows). */
const EXPECTED: Record<StandInKey, ReadonlyArray<string>> = { values: ['Values', 'Value'], context: ['Context'], userInfo: ['UserInfo'] };

/** Most aliases a stand-in document may expand (manifests and configs get 100 too). */
const MAX_ALIASES = 100;

/**
 * Reads one stand-in file's text into `into`: every YAML document must be the kind its key expects. Problems
 * (YAML errors, a wrong kind, a missing field) come back with the file and line; what is readable is still used.
 */
export function readStandInText(text: string, file: string, key: StandInKey, into: External): StandInError[] {
  const errors: StandInError[] = [];
  const guard = checkText(text);
  if (guard) return [{ file, line: (guard.range?.start.line ?? 0) + 1, message: guard.message }];
  const lc = new LineCounter();
  const line = (offset: number) => lc.linePos(offset).line;
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return [{ file, line: 1, message: `not YAML: ${(e as Error).message}` }];
  }
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    const start = line(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push({ file, line: line(e.pos[0]), message: `YAML error: ${e.message.split('\n')[0]}` });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      errors.push({ file, line: start, message: `aliases expand to too many nodes: ${(e as Error).message}` });
      continue;
    }
    const kind = isRecord(value) && typeof value.kind === 'string' ? value.kind : '';
    if (isRecord(value) && kind && !EXPECTED[key].includes(kind)) {
      errors.push({ file, line: start, message: `policies.${key} expects cli.kyverno.io ${EXPECTED[key][0]} documents, not kind ${kind}` });
      continue;
    }
    if (isRecord(value) && !kind && key !== 'values') {
      errors.push({ file, line: start, message: `policies.${key} expects cli.kyverno.io ${EXPECTED[key][0]} documents: kind is missing` });
      continue;
    }
    const where = `${file}:${start}`;
    const r = readExternal([{ value: isRecord(value) && !kind ? { ...value, kind: 'Values' } : value, where }], into);
    for (const m of r.errors) errors.push({ file, line: start, message: m.startsWith(`${where}: `) ? m.slice(where.length + 2) : m });
  }
  return errors;
}

/**
 * The stand-ins a config names (paths relative to `base`), read with `read` (the caller's file access, with its
 * size limit). `configLine` gives the line of `.kubehex.yaml` that names an entry, for files that cannot be read.
 * Undefined external when the config names none.
 */
export function standInsOf(
  settings: PolicySettings | undefined,
  resolvePath: (p: string) => string,
  read: (file: string) => StandInRead,
  configFile: string,
  configLine: (path: Array<string | number>) => number,
): { external?: External; errors: StandInError[] } {
  const entries: Array<[StandInKey, string, Array<string | number>]> = [];
  for (const key of ['values', 'context'] as const) (settings?.[key] ?? []).forEach((f, i) => entries.push([key, f, ['policies', key, i]]));
  if (settings?.userInfo !== undefined) entries.push(['userInfo', settings.userInfo, ['policies', 'userInfo']]);
  if (!entries.length) return { errors: [] };
  const external = emptyExternal();
  const errors: StandInError[] = [];
  for (const [key, f, path] of entries) {
    const file = resolvePath(f);
    const r = read(file);
    if (!r.ok) { const line = configLine(path); errors.push({ file: configFile, line, configLine: line, message: `policies.${key}: ${f}: ${r.message}` }); continue; }
    const found = readStandInText(r.text, file, key, external);
    if (found.length) { const line = configLine(path); for (const e of found) errors.push({ ...e, configLine: line }); }
  }
  return { external, errors };
}
