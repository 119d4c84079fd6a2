import { KustomizeError } from './errors';
import { isNull, map, seq, scalar, type KMap, type KNode, type Src } from './node';
import { parseApiVersion, idString, type Resource } from './resource';
import type { FieldSpec } from './builtin-config';

/** Splits a fieldspec path on `/`, keeping `\/` as a literal slash. */
export function splitPath(path: string, delim = '/'): string[] {
  const parts = path.split(delim);
  const out: string[] = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const last = out.length - 1;
    if (out[last].endsWith('\\')) out[last] = out[last].slice(0, -1) + delim + parts[i];
    else out.push(parts[i]);
  }
  return out;
}

export function fieldSpecMatches(fs: FieldSpec, node: KMap): boolean {
  const kind = node.entries.find((e) => e.key === 'kind')?.value;
  const av = node.entries.find((e) => e.key === 'apiVersion')?.value;
  const { group, version } = parseApiVersion(av?.kind === 'scalar' ? av.value : '');
  if (fs.kind && fs.kind !== (kind?.kind === 'scalar' ? kind.value : '')) return false;
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

/** Called on the node at the end of the path; `parent` and `key` allow replacing it. */
export type SetFn = (node: KNode, parent: KMap | KNode[], key: string | number) => void;

export interface WalkOptions {
  /** What a missing last field is created as (kyaml's CreateKind); undefined: never create. */
  createKind?: 'map' | 'scalar' | 'seq';
  src?: Src;
}

/**
 * kustomize's fieldspec filter: follows `path` through maps (and through every element of a sequence met
 * on the way, `name[]` marking one), creating missing fields when the spec says `create`, and calls `set`
 * on what it finds.
 */
export function applyFieldSpec(res: Resource | KMap, fs: FieldSpec, set: SetFn, opts: WalkOptions = {}): void {
  const node = 'kind' in res && (res as KMap).kind === 'map' ? (res as KMap) : (res as Resource).node;
  if (!fieldSpecMatches(fs, node)) return;
  const path = splitPath(fs.path);
  try {
    walk(node, path, fs, set, opts, node, '');
  } catch (e) {
    const r = res as Resource;
    const id = 'curId' in r ? idString(r.curId()) : '';
    throw new KustomizeError(`considering field '${fs.path}' of object ${id}: ${(e as Error).message}`);
  }
}

function walk(n: KNode, path: string[], fs: FieldSpec, set: SetFn, opts: WalkOptions, parent: KMap | KNode[], key: string | number): void {
  if (!path.length) { set(n, parent, key); return; }
  if (isNull(n)) return;
  if (n.kind === 'seq') {
    n.items.forEach((item, i) => walk(item, path, fs, set, opts, n.items, i));
    return;
  }
  if (n.kind !== 'map') throw new KustomizeError('expected sequence or mapping node');
  const raw = path[0];
  const isSeqField = raw.endsWith('[]');
  const name = isSeqField ? raw.slice(0, -2) : raw;
  if (!name) throw new KustomizeError('cannot set or create an empty field name');
  let e = n.entries.find((x) => x.key === name);
  const create = fs.create && opts.createKind && !isSeqField;
  if (!e) {
    if (!create) return;
    const kind = path.length <= 1 ? opts.createKind! : 'map';
    const value: KNode = kind === 'map' ? map([], opts.src) : kind === 'seq' ? seq([], opts.src) : scalar('', '', opts.src);
    e = { key: name, value };
    n.entries.push(e);
  } else if (isNull(e.value) && (isSeqField || create)) {
    const kind = isSeqField ? 'seq' : path.length <= 1 ? opts.createKind! : 'map';
    e.value = kind === 'map' ? map([], e.value.src ?? opts.src) : kind === 'seq' ? seq([], e.value.src ?? opts.src) : e.value;
  }
  const entry = e;
  walk(entry.value, path.slice(1), fs, (node, p, k) => set(node, p, k), opts, n, name);
}
