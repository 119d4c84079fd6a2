import { createHash } from 'node:crypto';
import { KustomizeError, wrap } from './errors';
import { get, getString, isMap, map, str, type KEntry, type KMap, type KNode, type Src } from './node';
import type { Loader } from './loader';

export interface GeneratorOptions {
  labels: Array<{ key: string; value: string; src?: Src }>;
  annotations: Array<{ key: string; value: string; src?: Src }>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

export interface GeneratorArgs {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior: string;
  literals: Array<{ value: string; src?: Src }>;
  files: Array<{ value: string; src?: Src }>;
  envs: Array<{ value: string; src?: Src }>;
  type?: string;
  options: GeneratorOptions;
  src?: Src;
}

function strings(n: KNode | undefined): Array<{ value: string; src?: Src }> {
  if (n?.kind === 'seq') return n.items.map((i) => ({ value: i.kind === 'scalar' ? i.value : '', src: i.src }));
  if (n?.kind === 'scalar' && n.value) return [{ value: n.value, src: n.src }];
  return [];
}

function pairs(n: KNode | undefined): Array<{ key: string; value: string; src?: Src }> {
  return isMap(n) ? n.entries.map((e) => ({ key: e.key, value: e.value.kind === 'scalar' ? e.value.value : '', src: e.value.src })) : [];
}

export function readOptions(n: KNode | undefined): GeneratorOptions {
  return {
    labels: pairs(get(n, 'labels')),
    annotations: pairs(get(n, 'annotations')),
    disableNameSuffixHash: getString(n, 'disableNameSuffixHash') === 'true',
    immutable: getString(n, 'immutable') === 'true',
  };
}

/** MergeGlobalOptionsIntoLocal: the entry's own labels/annotations win; either flag set sets it. */
export function mergeOptions(local: GeneratorOptions, global?: GeneratorOptions): GeneratorOptions {
  if (!global) return local;
  const add = (a: GeneratorOptions['labels'], b: GeneratorOptions['labels']) => [...a, ...b.filter((x) => !a.some((y) => y.key === x.key))];
  return {
    labels: add(local.labels, global.labels),
    annotations: add(local.annotations, global.annotations),
    disableNameSuffixHash: local.disableNameSuffixHash || global.disableNameSuffixHash,
    immutable: local.immutable || global.immutable,
  };
}

export function readGeneratorArgs(kind: 'ConfigMap' | 'Secret', n: KNode, global?: GeneratorOptions): GeneratorArgs {
  const envs = strings(get(n, 'envs'));
  const env = get(n, 'env');
  if (env?.kind === 'scalar' && env.value) envs.push({ value: env.value, src: env.src });
  const args: GeneratorArgs = {
    kind, name: getString(n, 'name') ?? '', namespace: getString(n, 'namespace'), behavior: getString(n, 'behavior') ?? '',
    literals: strings(get(n, 'literals')), files: strings(get(n, 'files')), envs,
    options: mergeOptions(readOptions(get(n, 'options')), global), src: n.src,
  };
  if (kind === 'Secret') args.type = getString(n, 'type');
  return args;
}

interface Pair { key: string; value: string; binary?: Uint8Array; src?: Src }

function parseLiteral(s: string): [string, string] {
  if (s.indexOf('=') === 0 || !s.includes('=')) throw new KustomizeError(`invalid literal source ${s}, expected key=value`);
  const i = s.indexOf('=');
  let v = s.slice(i + 1);
  if (v.length >= 2 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
  return [s.slice(0, i), v];
}

function parseFileSource(s: string): [string, string] {
  const n = (s.match(/=/g) ?? []).length;
  if (n === 0) return [s.slice(s.lastIndexOf('/') + 1), s];
  if (n === 1 && s.startsWith('=')) throw new KustomizeError(`key name for file path ${s.slice(1)} missing`);
  if (n === 1 && s.endsWith('=')) throw new KustomizeError(`file path for key name ${s.slice(0, -1)} missing`);
  if (n > 1) throw new KustomizeError("key names or file paths cannot contain '='");
  const [k, p] = s.split('=');
  return [k, p];
}

/**
 * Where a value read from an env or data file was written: its line of an env file, the whole of a data file
 * (not YAML: doc -1, `path` empty), with the kustomization entry that read the file as the first trace step.
 */
function fileSrc(file: string, range: Src['range'], entry: Src | undefined, note: string): Src {
  const src: Src = { file, doc: -1, path: [], range };
  if (entry) src.trace = [{ file: entry.file, range: entry.range, note }];
  return src;
}

function wholeFile(text: string): Src['range'] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].replace(/\r$/, '').length } };
}

function envPairs(text: string, file: string, entry: Src | undefined, note: string): Pair[] {
  const out: Pair[] = [];
  text.split('\n').forEach((raw, i) => {
    const full = raw.replace(/\r$/, '');
    let line = full;
    if (i === 0) line = line.replace(/^\uFEFF/, '');
    line = line.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    // kustomize v5.5 keeps any key as written (spaces included) and drops a line with an empty key
    if (!key) return;
    const range = { start: { line: i, character: full.length - line.length }, end: { line: i, character: full.length } };
    out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1), src: fileSrc(file, range, entry, note) });
  });
  return out;
}

function isUtf8(b: Uint8Array): boolean {
  try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; }
}

function loadPairs(ldr: Loader, a: GeneratorArgs): Pair[] {
  const all: Pair[] = [];
  try {
    for (const e of a.envs) all.push(...envPairs(ldr.load(e.value), ldr.resolveFile(e.value), e.src, `env file of ${a.kind[0].toLowerCase()}${a.kind.slice(1)}Generator ${a.name}`));
  } catch (e) { throw wrap(e, `env source files: [${a.envs.map((x) => x.value).join(' ')}]`); }
  try {
    for (const l of a.literals) { const [k, v] = parseLiteral(l.value); all.push({ key: k, value: v, src: l.src }); }
  } catch (e) { throw wrap(e, `literal sources [${a.literals.map((x) => x.value).join(' ')}]`); }
  try {
    for (const f of a.files) {
      const [k, p] = parseFileSource(f.value);
      const bytes = ldr.loadBytes(p);
      const note = `file of ${a.kind[0].toLowerCase()}${a.kind.slice(1)}Generator ${a.name}`;
      if (isUtf8(bytes)) { const text = new TextDecoder('utf-8').decode(bytes); all.push({ key: k, value: text, src: fileSrc(ldr.resolveFile(p), wholeFile(text), f.src, note) }); }
      else all.push({ key: k, value: '', binary: bytes, src: fileSrc(ldr.resolveFile(p), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, f.src, note) });
    }
  } catch (e) { throw wrap(e, `file sources: [${a.files.map((x) => x.value).join(' ')}]`); }
  return all;
}

/** The generated ConfigMap or Secret node (kustomize's MakeConfigMap / MakeSecret). */
export function generate(ldr: Loader, a: GeneratorArgs, gen: Src): KMap {
  let pairs: Pair[];
  try { pairs = loadPairs(ldr, a); } catch (e) { throw wrap(e, 'loading KV pairs'); }
  const seen = new Set<string>();
  // kubectl v1.32's kustomize does not check key names (`a b` is kept)
  for (const p of pairs) {
    if (seen.has(p.key)) throw new KustomizeError(`${a.kind.toLowerCase()} ${a.name} illegally repeats the key \`${p.key}\``);
    seen.add(p.key);
  }
  const meta: KEntry[] = [{ key: 'name', value: str(a.name, a.src) }];
  if (a.namespace) meta.push({ key: 'namespace', value: str(a.namespace, gen) });
  const entries: KEntry[] = [
    { key: 'apiVersion', value: str('v1', gen) },
    { key: 'kind', value: str(a.kind, gen) },
    { key: 'metadata', value: map(meta, gen) },
  ];
  const sorted = [...pairs].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const data: KEntry[] = [];
  const binary: KEntry[] = [];
  for (const p of sorted) {
    if (a.kind === 'Secret') {
      const b64 = Buffer.from(p.binary ?? new TextEncoder().encode(p.value)).toString('base64');
      data.push({ key: p.key, value: str(b64, p.src) });
    } else if (p.binary) binary.push({ key: p.key, value: str(Buffer.from(p.binary).toString('base64'), p.src) });
    else data.push({ key: p.key, value: str(p.value, p.src) });
  }
  if (data.length || a.kind === 'Secret' || !binary.length) entries.push({ key: 'data', value: map(data, gen) });
  if (binary.length) entries.push({ key: 'binaryData', value: map(binary, gen) });
  if (a.kind === 'Secret') entries.push({ key: 'type', value: str(a.type || 'Opaque', gen) });
  const node = map(entries, gen);
  const metaNode = get(node, 'metadata') as KMap;
  if (a.options.labels.length) metaNode.entries.push({ key: 'labels', value: map(a.options.labels.map((l) => ({ key: l.key, value: str(l.value, l.src) })), gen) });
  if (a.options.annotations.length) metaNode.entries.push({ key: 'annotations', value: map(a.options.annotations.map((l) => ({ key: l.key, value: str(l.value, l.src) })), gen) });
  if (a.options.immutable) entries.push({ key: 'immutable', value: { kind: 'scalar', tag: '!!bool', value: 'true', src: gen } });
  return node;
}

/** Go's json.Marshal of a string. */
function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function goJsonMap(m: KNode | undefined): string {
  if (!isMap(m)) return '""';
  const keys = [...m.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return '{' + keys.map((e) => `${goJsonString(e.key)}:${e.value.kind === 'scalar' ? goJsonString(e.value.value) : '""'}`).join(',') + '}';
}

/** kustomize's name hash of a generated ConfigMap or Secret (10 characters). */
export function contentHash(node: KMap): string {
  const kind = getString(node, 'kind');
  // kustomize looks the name up as one field called "metadata/name", which no object has: it hashes ""
  const name = '""';
  let json: string;
  if (kind === 'ConfigMap') {
    const bin = get(node, 'binaryData');
    json = `{${isMap(bin) ? `"binaryData":${goJsonMap(bin)},` : ''}"data":${goJsonMap(get(node, 'data'))},"kind":"ConfigMap","name":${name}}`;
  } else {
    const sd = get(node, 'stringData');
    const type = getString(node, 'type');
    json = `{"data":${goJsonMap(get(node, 'data'))},"kind":"Secret","name":${name},${isMap(sd) ? `"stringData":${goJsonMap(sd)},` : ''}"type":${goJsonString(type ?? '')}}`;
  }
  const hex = createHash('sha256').update(json).digest('hex').slice(0, 10);
  return hex.replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}
