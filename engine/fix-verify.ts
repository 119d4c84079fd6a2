import { Composer, Parser, isMap, isScalar, isSeq, visit, type Document } from 'yaml';
import { nodeAt } from './paths';
import { YAML_OPTIONS } from './parse';
import type { FixOp, Path } from './types';
import { breakCycles } from './walk';

/**
 * Re-parses one document after its edits and checks that every op took effect and, when the document as it was
 * is given, that every other path reads the same value as before (aliases and merge keys resolved): a fix never
 * changes what another field says. Drops broken fixes.
 */
export function verifyFix(docText: string, ops: ReadonlyArray<FixOp>, before?: Document, beforeValue?: unknown): boolean {
  const docs = [...new Composer(YAML_OPTIONS as never).compose(new Parser().parse(docText))];
  if (docs.length !== 1) return false;
  const doc = docs[0] as Document;
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return false;
  if (hasUnresolvedAlias(doc)) return false; // the edit removed an anchor that an alias still uses
  if (!opsTookEffect(doc, ops, before)) return false;
  if (!before) return true;
  let was: unknown;
  let now: unknown;
  try {
    was = beforeValue !== undefined ? beforeValue : cut(before.toJS({ maxAliasCount: 100 }));
    now = cut(doc.toJS({ maxAliasCount: 100 }));
    return sameExceptFixed(was, now, ops);
  } catch {
    return false; // an alias bomb, or a value too deep to compare
  }
}

/** A recursive alias is read as null on both sides, as the linter reads it (see parse.ts). */
function cut(v: unknown): unknown {
  breakCycles(v);
  return v;
}

function opsTookEffect(doc: Document, ops: ReadonlyArray<FixOp>, before?: Document): boolean {
  // sequence items removed per sequence: a fix may take several items out of one list
  const removedFrom = new Map<string, number>();
  for (const op of ops) {
    if (op.op !== 'remove' || typeof op.path[op.path.length - 1] !== 'number') continue;
    const key = JSON.stringify(op.path.slice(0, -1));
    removedFrom.set(key, (removedFrom.get(key) ?? 0) + 1);
  }
  for (const op of ops) {
    const n = nodeAt(doc, op.path);
    if (op.op === 'remove') {
      const last = op.path[op.path.length - 1];
      if (typeof last === 'number' && before) {
        // a sequence item: the sequence is shorter by the items the fix removes from it (or gone, when it held
        // only those)
        const seqBefore = nodeAt(before, op.path.slice(0, -1));
        const seqAfter = nodeAt(doc, op.path.slice(0, -1));
        const lenBefore = isSeq(seqBefore) ? seqBefore.items.length : 0;
        const lenAfter = isSeq(seqAfter) ? seqAfter.items.length : 0;
        if (lenAfter !== lenBefore - (removedFrom.get(JSON.stringify(op.path.slice(0, -1))) ?? 1)) return false;
      } else if (n !== undefined) return false;
      continue;
    }
    if (op.op === 'rename') {
      if (n !== undefined || nodeAt(doc, [...op.path.slice(0, -1), op.to]) === undefined) return false;
      continue;
    }
    if (op.op === 'set' && op.value !== null && typeof op.value === 'object' && !Array.isArray(op.value)) {
      if (!holdsMap(doc, op.path, n, op.value as Readonly<Record<string, unknown>>)) return false;
    } else if (op.op === 'set' && !Array.isArray(op.value)) {
      if (!n || !isScalar(n) || n.value !== op.value) return false;
    } else if (!n || !isSeq(n) || !n.items.some((i) => isScalar(i) && i.value === (op.op === 'append' ? op.value : (op.value as unknown as string[])[0]))) {
      return false;
    }
  }
  return true;
}

/** The node at `path` is a map holding exactly `want` (scalars, or maps of scalars, key for key). */
function holdsMap(doc: Document, path: Path, n: unknown, want: Readonly<Record<string, unknown>>): boolean {
  if (!n || !isMap(n) || n.items.length !== Object.keys(want).length) return false;
  for (const [k, v] of Object.entries(want)) {
    const item = nodeAt(doc, [...path, k]);
    if (v !== null && typeof v === 'object') {
      if (!holdsMap(doc, [...path, k], item, v as Readonly<Record<string, unknown>>)) return false;
    } else if (!item || !isScalar(item) || item.value !== v) return false;
  }
  return true;
}

function hasUnresolvedAlias(doc: Document): boolean {
  let broken = false;
  visit(doc, {
    Alias(_, a) {
      if (a.resolve(doc) !== undefined) return undefined;
      broken = true;
      return visit.BREAK;
    },
  });
  return broken;
}

// ---- every other path keeps its value ------------------------------------------------------------------

/** What the fix's ops do at a path: the tree of op paths, each node saying what happened there. */
interface Fixed {
  children: Map<string | number, Fixed>;
  /** The value here is the op's to change (set, append, remove of a key, the two keys of a rename). */
  changed?: boolean;
  /** A sequence that loses these items (remove of an item). */
  removed?: Set<number>;
  /** A sequence that gains items at its end (append). */
  appended?: boolean;
  /** A rename: the new key holds exactly the value of the old one. */
  renamedFrom?: string;
}

function fixedTree(ops: ReadonlyArray<FixOp>): Fixed {
  const root: Fixed = { children: new Map() };
  const at = (path: Path): Fixed => {
    let n = root;
    for (const seg of path) {
      let c = n.children.get(seg);
      if (!c) n.children.set(seg, (c = { children: new Map() }));
      n = c;
    }
    return n;
  };
  for (const op of ops) {
    const last = op.path[op.path.length - 1];
    if (op.op === 'remove' && typeof last === 'number') (at(op.path.slice(0, -1)).removed ??= new Set()).add(last);
    else if (op.op === 'append') at(op.path).appended = true;
    else if (op.op === 'rename') {
      at(op.path).changed = true;
      at([...op.path.slice(0, -1), op.to]).renamedFrom = String(last);
    } else at(op.path).changed = true;
  }
  return root;
}

/** True when `now` equals `was` at every path but the ones the ops change (and the maps they create on the way). */
export function sameExceptFixed(was: unknown, now: unknown, ops: ReadonlyArray<FixOp>): boolean {
  return same(was, now, fixedTree(ops), new Map());
}

type Seen = Map<object, Set<object>>;

function same(was: unknown, now: unknown, f: Fixed | undefined, seen: Seen): boolean {
  if (!f) return deepEqual(was, now, seen);
  if (f.changed) return true;
  if (f.removed || f.appended || Array.isArray(was) || Array.isArray(now)) return sameList(was, now, f, seen);
  // a map on the way to a fixed path: it may be created (was absent or null) or left empty (becomes null)
  const a = was === undefined || was === null ? {} : was;
  const b = now === undefined || now === null ? {} : now;
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const child = f.children.get(k);
    if (child?.renamedFrom !== undefined) {
      if (!deepEqual(a[child.renamedFrom], b[k], seen)) return false;
      continue;
    }
    if (!same(a[k], b[k], child, seen)) return false;
  }
  return true;
}

function sameList(was: unknown, now: unknown, f: Fixed, seen: Seen): boolean {
  const a = was === undefined || was === null ? [] : was;
  const b = now === undefined || now === null ? [] : now;
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const kept = a.map((_, i) => i).filter((i) => !f.removed?.has(i));
  if (f.appended ? b.length < kept.length : b.length !== kept.length) return false;
  return kept.every((i, j) => same(a[i], b[j], f.children.get(i), seen));
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && !ArrayBuffer.isView(v);
}

/** Structural equality of two composed values; shared and cyclic parts compare once. */
export function deepEqual(a: unknown, b: unknown, seen: Seen = new Map()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  let pairs = seen.get(a);
  if (pairs?.has(b)) return true;
  if (!pairs) seen.set(a, (pairs = new Set()));
  pairs.add(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i], seen));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    const bs = [...b];
    return [...a].every(([k, v], i) => deepEqual(k, bs[i][0], seen) && deepEqual(v, bs[i][1], seen));
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return false;
    const bs = [...b];
    return [...a].every((x, i) => deepEqual(x, bs[i], seen));
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.every((v, i) => v === y[i]);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k], seen));
}
