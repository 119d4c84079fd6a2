import type { Path, Range } from '../../engine';
import type { TraceStep } from '../source-map';

/**
 * Where a node was written: a YAML node of a source file (a resource, a patch, a generator input, a
 * kustomization entry), plus the chain of overlays, patches and transformers that carried it.
 */
export interface Src {
  file: string;
  doc: number;
  path: Path;
  range: Range;
  trace?: TraceStep[];
  /** Made by the build (a hash suffix, a generated ConfigMap): nothing to edit. */
  generated?: string;
  /** Literal text of `file` at this UTF-16 offset (a Helm template line), rather than a YAML node. */
  offset?: number;
}

/**
 * The build works on a YAML node tree like kustomize's (kyaml): scalars keep their tag and text, so the
 * output goes through the same resolution kustomize's JSON round trip applies. A scalar with tag '' was
 * made by the build from a bare value and resolves like a plain scalar.
 */
/** `q`: written quoted or as a block scalar (a value set over it stays a string, as kyaml keeps the style). */
export interface KScalar { kind: 'scalar'; tag: string; value: string; q?: boolean; src?: Src }
/** `kq`: the key was written quoted (YAML 1.1 readers would otherwise take `on: x` as a boolean key). */
export interface KEntry { key: string; value: KNode; keySrc?: Src; kq?: boolean }
export interface KMap { kind: 'map'; entries: KEntry[]; src?: Src }
export interface KSeq { kind: 'seq'; items: KNode[]; src?: Src }
export type KNode = KScalar | KMap | KSeq;

export const STR = '!!str';
export const INT = '!!int';
export const NULL = '!!null';

export function str(value: string, src?: Src): KScalar { return src ? { kind: 'scalar', tag: STR, value, src } : { kind: 'scalar', tag: STR, value }; }
export function scalar(tag: string, value: string, src?: Src): KScalar { return src ? { kind: 'scalar', tag, value, src } : { kind: 'scalar', tag, value }; }
export function map(entries: KEntry[] = [], src?: Src): KMap { return src ? { kind: 'map', entries, src } : { kind: 'map', entries }; }
export function seq(items: KNode[] = [], src?: Src): KSeq { return src ? { kind: 'seq', items, src } : { kind: 'seq', items }; }

export function isMap(n: KNode | undefined): n is KMap { return n?.kind === 'map'; }
export function isSeq(n: KNode | undefined): n is KSeq { return n?.kind === 'seq'; }
export function isScalar(n: KNode | undefined): n is KScalar { return n?.kind === 'scalar'; }
export function isNull(n: KNode | undefined): boolean { return n?.kind === 'scalar' && (n.tag === NULL || (n.tag === '' && isNullText(n.value))); }
export function isMissingOrNull(n: KNode | undefined): boolean { return n === undefined || isNull(n); }

export function isNullText(v: string): boolean { return v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL'; }

export function get(n: KNode | undefined, key: string): KNode | undefined {
  if (n?.kind !== 'map') return undefined;
  for (const e of n.entries) if (e.key === key) return e.value;
  return undefined;
}

export function entry(n: KMap, key: string): KEntry | undefined { return n.entries.find((e) => e.key === key); }

/** Sets (or adds at the end) a field of a map. */
export function set(n: KMap, key: string, value: KNode): void {
  const e = entry(n, key);
  if (e) e.value = value;
  else n.entries.push({ key, value });
}

export function remove(n: KMap, key: string): boolean {
  const i = n.entries.findIndex((e) => e.key === key);
  if (i < 0) return false;
  n.entries.splice(i, 1);
  return true;
}

export function getPath(n: KNode | undefined, path: ReadonlyArray<string>): KNode | undefined {
  let cur = n;
  for (const p of path) cur = get(cur, p);
  return cur;
}

/** The string value of a scalar field, or undefined. */
export function getString(n: KNode | undefined, ...path: string[]): string | undefined {
  const v = getPath(n, path);
  return v?.kind === 'scalar' && !isNull(v) ? v.value : undefined;
}

/** Ensures a map at `path` (creating maps on the way) and returns it. */
export function ensureMap(n: KMap, path: ReadonlyArray<string>, src?: Src): KMap {
  let cur = n;
  for (const p of path) {
    let next = get(cur, p);
    if (!isMap(next)) {
      next = map([], src);
      set(cur, p, next);
    }
    cur = next;
  }
  return cur;
}

export function clone<T extends KNode>(n: T): T {
  if (n.kind === 'scalar') return { ...n };
  if (n.kind === 'seq') return { ...n, items: n.items.map(clone) } as T;
  return { ...n, entries: n.entries.map((e) => ({ ...e, value: clone(e.value) })) } as T;
}

/** Adds a trace step to every node of a tree that has a source (an overlay, a patch carried it). */
/** kyaml's SetScalar: a new value written over `old` keeps its quoting, otherwise resolves like plain text. */
export function replaceScalar(old: KNode | undefined, value: string, src?: Src): KScalar {
  const quoted = old?.kind === 'scalar' && old.q;
  const n: KScalar = { kind: 'scalar', tag: quoted ? STR : '', value };
  if (quoted) n.q = true;
  const s = src ?? old?.src;
  if (s) n.src = s;
  return n;
}

export function addTrace(n: KNode, step: { file: string; range: Range; note: string }): void {
  if (n.src && !n.src.generated) n.src = withStep(n.src, step, false);
  if (n.kind === 'map') for (const e of n.entries) addTrace(e.value, step);
  else if (n.kind === 'seq') for (const i of n.items) addTrace(i, step);
}

const stepped = new WeakMap<Src, Map<string, Src>>();
const stepKeys = new WeakMap<TraceStep, string>();

/**
 * `src` with a trace step added in front (`first`) or at the end. The same source and the same step give the
 * same record on every build (sources are never changed in place), so a rebuild that reuses parsed files also
 * sees the same records, which lets it recognise resources it printed before (emit-kept.ts).
 */
export function withStep(src: Src, step: TraceStep, first: boolean): Src {
  let key = stepKeys.get(step);
  if (key === undefined) {
    const r = step.range;
    stepKeys.set(step, (key = `${step.file}\u0001${r.start.line},${r.start.character},${r.end.line},${r.end.character}\u0001${step.note}`));
  }
  if (!first) key = `>${key}`;
  let byStep = stepped.get(src);
  if (!byStep) stepped.set(src, (byStep = new Map()));
  let out = byStep.get(key);
  if (!out) byStep.set(key, (out = { ...src, trace: first ? [step, ...(src.trace ?? [])] : [...(src.trace ?? []), step] }));
  return out;
}

/** Gives every node without a source the given one (values a transformer wrote). */
export function stamp(n: KNode, src: Src): void {
  if (!n.src) n.src = src;
  if (n.kind === 'map') for (const e of n.entries) stamp(e.value, src);
  else if (n.kind === 'seq') for (const i of n.items) stamp(i, src);
}

/** Deep equality of two trees as YAML (tags resolved), used by list merges and tests. */
export function sameNode(a: KNode, b: KNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar') return a.value === (b as KScalar).value;
  if (a.kind === 'seq') return a.items.length === (b as KSeq).items.length && a.items.every((x, i) => sameNode(x, (b as KSeq).items[i]));
  const bm = b as KMap;
  return a.entries.length === bm.entries.length && a.entries.every((e) => { const o = get(bm, e.key); return o !== undefined && sameNode(e.value, o); });
}
