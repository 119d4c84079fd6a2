import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Path } from './types';

/** One step of a resolved path: the pair (map step) or item (sequence step) and the value reached. */
export interface Step { seg: string | number; pair?: Pair; item?: Node; value: Node | null; container: Node }

export interface Located {
  /** Steps that exist, in order. */
  steps: Step[];
  /** True when the whole path exists. */
  exact: boolean;
}

function deref(doc: Document, node: unknown): Node | null {
  let n = node as Node | null;
  for (let i = 0; i < 8 && n && isAlias(n); i++) n = n.resolve(doc) as Node | null;
  return n ?? null;
}

function keyOf(p: Pair): string | undefined {
  const k = p.key as unknown;
  if (isScalar(k)) {
    const v = k.value;
    return typeof v === 'string' ? v : String(v);
  }
  if (typeof k === 'string') return k;
  return undefined;
}

/** The pair Kubernetes uses for `key`: the last one written, else one from a `<<` merge source. */
export function findPair(doc: Document, map: Node, key: string, depth = 0): Pair | undefined {
  if (!isMap(map)) return undefined;
  let found: Pair | undefined;
  let merges = false;
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!isPair(it)) continue;
    const k = keyOf(it);
    if (k === key) found = it;
    else if (k === '<<') merges = true;
  }
  if (found || depth > 4 || !merges) return found;
  for (const it of items) {
    if (!isPair(it) || keyOf(it) !== '<<') continue;
    const src = deref(doc, it.value);
    const sources = isSeq(src) ? src.items.map((x) => deref(doc, x)) : [src];
    for (const s of sources) {
      const p = s ? findPair(doc, s, key, depth + 1) : undefined;
      if (p) return p;
    }
  }
  return undefined;
}

export function locate(doc: Document, path: Path): Located {
  const steps: Step[] = [];
  let node = deref(doc, doc.contents);
  for (const seg of path) {
    if (!node) return { steps, exact: false };
    if (typeof seg === 'number') {
      if (!isSeq(node) || seg >= node.items.length) return { steps, exact: false };
      const item = node.items[seg] as Node;
      const value = deref(doc, item);
      steps.push({ seg, item, value, container: node });
      node = value;
    } else {
      const pair = findPair(doc, node, seg);
      if (!pair) return { steps, exact: false };
      const value = deref(doc, pair.value);
      steps.push({ seg, pair, value, container: node });
      node = value;
    }
  }
  return { steps, exact: true };
}

export function nodeAt(doc: Document, path: Path): Node | null | undefined {
  const loc = locate(doc, path);
  if (!loc.exact) return undefined;
  return loc.steps.length ? loc.steps[loc.steps.length - 1].value : deref(doc, doc.contents);
}

function nodeRange(n: unknown): [number, number] | undefined {
  const r = (n as Node | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** A container-like map entry is shown by its `name: value` pair, else its first key. */
function itemAnchor(doc: Document, item: Node): [number, number] | undefined {
  const v = deref(doc, item);
  if (isMap(v)) {
    const name = findPair(doc, v, 'name');
    if (name) return pairRange(name, true);
    const first = v.items.find(isPair);
    if (first) return pairRange(first, false);
  }
  return nodeRange(v) ?? nodeRange(item);
}

function pairRange(p: Pair, withValue: boolean): [number, number] | undefined {
  const k = nodeRange(p.key);
  if (!k) return nodeRange(p.value);
  const v = p.value as Node | null;
  if (!withValue || !v || !v.range) return k;
  if (isCollection(v) && !(v as { flow?: boolean }).flow) return k;
  return [k[0], Math.max(k[1], v.range[1])];
}

/**
 * The one place a reported path becomes a range: the `key: value` when it exists (a block collection
 * value is shown by its key), else the key of the nearest existing ancestor — for a sequence item
 * such as a container, its `name:` entry; for the document root, its `kind:`. `at` narrows an existing
 * entry to its key (an unknown field) or its scalar/flow value (a wrong value).
 */
export function rangeForPath(doc: Document, path: Path, at?: 'key' | 'value'): [number, number] {
  const loc = locate(doc, path);
  for (let i = loc.steps.length - 1; i >= 0; i--) {
    const st = loc.steps[i];
    const exactHere = loc.exact && i === loc.steps.length - 1;
    if (exactHere && at === 'key' && st.pair) return pairRange(st.pair, false) ?? [0, 0];
    if (exactHere && at === 'value') {
      const v = (st.pair ? st.pair.value : st.item) as Node | null;
      if (v?.range && (!isCollection(v) || (v as { flow?: boolean }).flow)) return [v.range[0], v.range[1]];
    }
    const r = st.pair ? pairRange(st.pair, exactHere) : st.item ? itemAnchor(doc, st.item) : undefined;
    if (r) return r;
  }
  const root = deref(doc, doc.contents);
  if (root && isMap(root)) {
    const kind = findPair(doc, root, 'kind');
    const r = kind && pairRange(kind, true);
    if (r) return r;
  }
  const r = nodeRange(root);
  return r ? [r[0], r[0]] : [0, 0];
}
