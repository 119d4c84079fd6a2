import { isAlias, isCollection, isMap, isPair, isScalar, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LineIndex } from './text';
import { findPair, locate, type Step } from './paths';
import type { FixOp, TextEdit } from './types';

/**
 * A fix edits the node a path reaches. When that node (or one on the way to it) is also seen through another
 * path, through an anchor and its aliases or a merge key (`<<`), the same edit would change the other path too:
 * `privileged: &yes true` fixed in place turns every `*yes` false. Here the planned edits are moved so that only
 * the fixed path changes, with the smallest edit that keeps every other path's value:
 *
 * - the path goes through an alias (`securityContext: *sc`): the edit is made on a copy of the anchored node
 *   written in place of the alias (the anchored node and its other aliases stay as they are);
 * - the node edited is anchored and aliased: its anchor moves to the first alias, which becomes a copy of the
 *   node as it was (`privileged: false`, `readOnlyRootFilesystem: &yes true`, `runAsNonRoot: *yes`);
 * - the key comes from a merge source (`<<: *base`): the edited copy is written as the map's own key, which
 *   Kubernetes' YAML reading prefers over merged ones.
 *
 * Where none applies (a recursive alias, an alias used as a key, a block copy into a flow collection, removing a
 * merged key) no edit is offered. Whatever is planned here is re-parsed and compared path by path afterwards
 * (see fix-verify.ts), so a case missed here costs a fix, never a wrong one.
 */

interface Parent { pair?: Pair; map?: YAMLMap; seq?: Node; flow: boolean }

export interface Sharing {
  /** Anchored node -> the aliases that resolve to it, in document order. */
  aliasesOf: Map<Node, Alias[]>;
  targetOf: Map<Alias, Node>;
  parentOf: Map<Node, Parent>;
}

const cache = new WeakMap<Document, Sharing | null>();

/** Anchors and aliases of a document, worked out once per parse (null: the document has no alias). */
export function sharingOf(doc: Document): Sharing | null {
  let s = cache.get(doc);
  if (s !== undefined) return s;
  const anchors = new Map<string, Node>();
  const found: Sharing = { aliasesOf: new Map(), targetOf: new Map(), parentOf: new Map() };
  let any = false;
  visit(doc, {
    Node(_key, node, path) {
      const n = node as Node;
      if (isAlias(n)) {
        const target = anchors.get(n.source);
        if (!target) return;
        any = true;
        found.targetOf.set(n, target);
        const list = found.aliasesOf.get(target);
        if (list) list.push(n);
        else found.aliasesOf.set(target, [n]);
        found.parentOf.set(n, parentOf(path));
      } else if (n.anchor) {
        anchors.set(n.anchor, n);
        found.parentOf.set(n, parentOf(path));
      }
    },
  });
  s = any ? found : null;
  cache.set(doc, s);
  return s;
}

function parentOf(path: readonly unknown[]): Parent {
  const p = path[path.length - 1];
  if (isPair(p)) {
    const map = path[path.length - 2] as YAMLMap;
    return { pair: p, map, flow: !!(map as { flow?: boolean }).flow };
  }
  return { seq: p as Node, flow: !!(p as { flow?: boolean }).flow };
}

export interface SharedCtx { text: string; doc: Document; lines: LineIndex; eol: string; json: boolean }

type Descriptor =
  | { kind: 'alias'; depth: number; written: Alias; node: Node }
  | { kind: 'anchor'; depth: number; node: Node }
  | { kind: 'merge'; depth: number; pair: Pair; map: YAMLMap };

/** Moves `edits` (planned for `ops` as if nothing were shared) off shared nodes; undefined when it cannot. */
export function unshare(ctx: SharedCtx, ops: ReadonlyArray<FixOp>, edits: TextEdit[]): TextEdit[] | undefined {
  // an alias is written `*name`: a document without a `*` in its text has none, and shares nothing
  const r = ctx.doc.range as number[] | undefined;
  if (r && !textHas(ctx.text, '*', r[0], r[2])) return edits;
  const sharing = sharingOf(ctx.doc);
  if (!sharing) return edits;
  const root = ctx.doc.contents as Node | null;
  if (root && sharing.aliasesOf.has(root)) return undefined; // only a recursive alias can name the root
  const found: Descriptor[] = [];
  for (const op of ops) {
    const ds = descriptorsFor(ctx.doc, sharing, op);
    if (!ds) return undefined;
    for (const d of ds) if (!found.some((x) => sameDescriptor(x, d))) found.push(d);
  }
  if (!found.length) return edits;
  // innermost first: an edit moved into a copy may then sit inside an outer shared node, moved in turn
  found.sort((a, b) => b.depth - a.depth);
  let out = edits;
  for (const d of found) {
    const next = d.kind === 'alias' ? moveIntoAlias(ctx, sharing, d.written, d.node, out)
      : d.kind === 'anchor' ? moveAnchor(ctx, sharing, d.node, out)
      : moveIntoOwnKey(ctx, d.pair, d.map, out);
    if (!next) return undefined;
    out = next;
  }
  out = [...out].sort((a, b) => a.start - b.start || a.end - b.end);
  return disjoint(out) ? out : undefined;
}

function textHas(text: string, c: string, from: number, to: number): boolean {
  const at = text.indexOf(c, from);
  return at !== -1 && at < to;
}

function sameDescriptor(a: Descriptor, b: Descriptor): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'merge') return a.pair === (b as typeof a).pair && a.map === (b as typeof a).map;
  if (a.kind === 'alias') return a.written === (b as typeof a).written;
  return a.node === (b as typeof a).node;
}

/** The shared nodes an op's edit lies in, root first. */
function descriptorsFor(doc: Document, sharing: Sharing, op: FixOp): Descriptor[] | undefined {
  const loc = locate(doc, op.path);
  const out: Descriptor[] = [];
  loc.steps.forEach((st: Step, i) => {
    const last = loc.exact && i === loc.steps.length - 1;
    const written = (st.pair ? st.pair.value : st.item) as Node | null;
    const merged = !!st.pair && !(st.container as YAMLMap).items.includes(st.pair);
    if (merged) out.push({ kind: 'merge', depth: i, pair: st.pair!, map: st.container as YAMLMap });
    // the last step's own node: a rename changes only the key; a removal drops the reference (an alias) or the
    // anchored node (its anchor must move first); a set of a scalar written as an alias replaces the alias
    if (last && op.op === 'rename') return;
    const aliased = !!written && isAlias(written) && sharing.targetOf.has(written);
    if (aliased && !(last && (op.op === 'remove' || (op.op === 'set' && st.value && isScalar(st.value))))) {
      out.push({ kind: 'alias', depth: i + 0.5, written: written as Alias, node: st.value as Node });
    } else if (!aliased && st.value && sharing.aliasesOf.has(st.value)) {
      out.push({ kind: 'anchor', depth: i + 0.5, node: st.value });
    }
  });
  for (const d of out) if (d.kind === 'merge' && loc.exact && d.depth === loc.steps.length - 1 && (op.op === 'remove' || op.op === 'rename')) return undefined;
  return out;
}

/** Where a node's text is (a block collection's range ends after its last line break). */
function regionOf(n: Node): [number, number] {
  return [n.range![0], n.range![1]];
}

function inside(e: TextEdit, [s, t]: [number, number]): boolean { return e.start >= s && e.end <= t; }

/** Sorted edits that do not overlap (two insertions at one offset would land in an undefined order). */
function disjoint(sorted: TextEdit[]): boolean {
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1];
    const e = sorted[i];
    if (e.start < p.end || (e.start === p.start && e.start === e.end && p.start === p.end)) return false;
  }
  return true;
}

/** The text of `node` with the edits inside it applied, and the column its first line starts at. */
function copyOf(ctx: SharedCtx, node: Node, edits: TextEdit[]): { text: string; block: boolean; col: number } | undefined {
  if (!node.range) return undefined;
  const [s, t] = regionOf(node);
  let text = ctx.text.slice(s, t);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - s) + e.newText + text.slice(e.end - s);
  text = text.replace(/\s+$/, '');
  const block = isCollection(node) && !(node as { flow?: boolean }).flow;
  if (!block && isScalar(node) && !edits.length && (text.includes('\n') || node.tag)) {
    // a multi-line or tagged scalar is written as the value it reads as
    const v = node.value;
    if (v === null) text = 'null';
    else if (typeof v === 'string') text = JSON.stringify(v);
    else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
    else return undefined;
  }
  return { text, block, col: ctx.lines.position(s).character };
}

/** Re-indents a block copy whose first line sat at `from` so that it sits at `to`. */
function reindent(ctx: SharedCtx, text: string, from: number, to: number): string[] | undefined {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === 0) { out.push(line); continue; }
    const lead = /^ */.exec(line)![0].length;
    if (!line.trim()) out.push(line.endsWith('\r') ? '\r' : '');
    else if (lead >= from) out.push(' '.repeat(to) + line.slice(from));
    else if (/^\s*#/.test(line)) out.push(' '.repeat(to) + line.trimStart());
    else return undefined;
  }
  return out;
}

/** Replacement text for a node written at `site` (an alias' place): inline, or as block lines below it. */
function placeAt(ctx: SharedCtx, site: Node, parent: Parent | undefined, copy: { text: string; block: boolean; col: number }, anchor?: string): TextEdit | undefined {
  const [s, t] = [site.range![0], site.range![1]];
  const tag = anchor ? `&${anchor}` : '';
  if (!copy.block) {
    if (copy.text.includes('\n') && parent?.flow) return undefined;
    return { start: s, end: t, newText: tag ? `${tag} ${copy.text}` : copy.text };
  }
  if (!parent || parent.flow) return undefined;
  if (parent.pair) {
    if (parent.pair.value !== site) return undefined; // an alias used as a key
    const key = parent.pair.key as Node;
    if (!key?.range) return undefined;
    const keyCol = ctx.lines.position(key.range[0]).character;
    const to = keyCol + 2;
    const lines = reindent(ctx, copy.text, copy.col, to);
    if (!lines) return undefined;
    let start = s;
    while (start > 0 && ctx.text[start - 1] === ' ') start--;
    return { start, end: t, newText: `${tag ? ` ${tag}` : ''}${ctx.eol}${' '.repeat(to)}${lines.join('\n')}` };
  }
  // a sequence item: `- *x` becomes `- first: line` with the rest below it, at the item's column
  const col = ctx.lines.position(s).character;
  const lines = reindent(ctx, copy.text, copy.col, col);
  if (!lines) return undefined;
  return { start: s, end: t, newText: tag ? `${tag}${ctx.eol}${' '.repeat(col)}${lines.join('\n')}` : lines.join('\n') };
}

/** The path goes through `*x`: the edits made inside the anchored node go to a copy written in place of the alias. */
function moveIntoAlias(ctx: SharedCtx, sharing: Sharing, written: Alias, node: Node, edits: TextEdit[]): TextEdit[] | undefined {
  if (!node.range || !written.range) return undefined;
  const region = regionOf(node);
  if (written.range[0] >= region[0] && written.range[1] <= region[1]) return undefined; // recursive
  const mine = edits.filter((e) => inside(e, region));
  if (!mine.length) return edits;
  const copy = copyOf(ctx, node, mine);
  const put = copy && placeAt(ctx, written, sharing.parentOf.get(written), copy);
  if (!put) return undefined;
  const out = [...edits.filter((e) => !mine.includes(e)), put];
  // the only alias of the anchor became a copy: the anchor has nothing left to name
  const drop = sharing.aliasesOf.get(node)?.length === 1 && node.anchor ? anchorEdit(ctx, node, node.anchor) : undefined;
  if (drop && out.every((e) => drop.end < e.start || e.end < drop.start)) out.push(drop);
  return out;
}

/** The edited node is anchored and aliased: the anchor moves to the first alias, which becomes the node as it was. */
function moveAnchor(ctx: SharedCtx, sharing: Sharing, node: Node, edits: TextEdit[]): TextEdit[] | undefined {
  const aliases = sharing.aliasesOf.get(node);
  const name = node.anchor;
  if (!aliases?.length || !name || !node.range) return edits;
  const region = regionOf(node);
  if (!edits.some((e) => inside(e, region))) return edits;
  const merged = keepForMerges(ctx, sharing, node, aliases, edits);
  if (merged) return merged;
  const first = aliases[0];
  if (!first.range || (first.range[0] >= region[0] && first.range[1] <= region[1])) return undefined; // recursive
  const drop = anchorEdit(ctx, node, name);
  const copy = copyOf(ctx, node, []);
  // one alias: it becomes a plain copy; more: the copy takes the anchor, the later aliases now name it
  const put = copy && placeAt(ctx, first, sharing.parentOf.get(first), copy, aliases.length > 1 ? name : undefined);
  if (!drop || !put) return undefined;
  return [...edits, drop, put];
}

/**
 * Every alias of the edited map is a merge source (`<<: *x`): the map keeps its anchor and its edit, and each
 * merging map gets, as its own key, the old value of each top-level key the edit touches (merging is shallow, and
 * a map's own key wins). A key the merging map already overrides, or takes from an earlier source, is left alone.
 * Undefined when that does not fit (an edit adds a top-level key, an alias in a `<<` list).
 */
function keepForMerges(ctx: SharedCtx, sharing: Sharing, node: Node, aliases: Alias[], edits: TextEdit[]): TextEdit[] | undefined {
  if (!isMap(node)) return undefined;
  const maps: YAMLMap[] = [];
  for (const a of aliases) {
    const p = sharing.parentOf.get(a);
    if (!p?.pair || !p.map || p.pair.value !== a || !isScalar(p.pair.key) || p.pair.key.value !== '<<') return undefined;
    maps.push(p.map);
  }
  const region = regionOf(node);
  const touched = new Set<Pair>();
  for (const e of edits) {
    if (!inside(e, region)) continue;
    const pair = node.items.find((p) => isPair(p) && inside(e, pairRegion(p)));
    if (!pair) return undefined;
    touched.add(pair);
  }
  const inserts = new Map<YAMLMap, TextEdit>();
  for (const map of maps) {
    for (const pair of touched) {
      const key = pair.key as Node;
      if (!isScalar(key) || !key.range || findPair(ctx.doc, map, String(key.value)) !== pair) continue;
      const copy = pair.value ? copyOf(ctx, pair.value as Node, []) : undefined;
      const add = copy && ownKeyText(ctx, map, ctx.text.slice(key.range[0], key.range[1]), copy);
      if (!add) return undefined;
      const prev = inserts.get(map);
      if (prev && prev.start !== add.start) return undefined;
      inserts.set(map, prev ? { ...prev, newText: prev.newText + add.newText.replace(/^\r?\n/, '') } : add);
    }
  }
  return [...edits, ...inserts.values()];
}

function pairRegion(p: Pair): [number, number] {
  const k = (p.key as Node | null)?.range;
  const v = (p.value as Node | null)?.range;
  return [k?.[0] ?? v?.[0] ?? -1, v?.[1] ?? k?.[1] ?? -1];
}

/** Deletes `&name` written before the node (with a tag, comments or a line break between them). */
function anchorEdit(ctx: SharedCtx, node: Node, name: string): TextEdit | undefined {
  const token = `&${name}`;
  const at = ctx.text.lastIndexOf(token, node.range![0]);
  if (at < 0) return undefined;
  const end = at + token.length;
  const gap = ctx.text.slice(end, node.range![0]);
  if (!/^(\s|#[^\n]*|![^\s]*)*$/.test(gap)) return undefined;
  // `- &x` alone on its line, the node below at the column the anchor was: `- first: key` again
  if (/^[ \t]*\r?\n\s*$/.test(gap) && ctx.lines.position(at).character === ctx.lines.position(node.range![0]).character) {
    return { start: at, end: node.range![0], newText: '' };
  }
  if (ctx.text[end] === ' ') {
    let e = end;
    while (ctx.text[e] === ' ') e++;
    return { start: at, end: e, newText: '' };
  }
  let s = at;
  while (s > 0 && ctx.text[s - 1] === ' ') s--;
  return { start: s, end, newText: '' };
}

/**
 * The key comes from a merge source: the edited value becomes the map's own key (`<<: *base` stays, the map's
 * own key wins over the merged one).
 */
function moveIntoOwnKey(ctx: SharedCtx, pair: Pair, map: YAMLMap, edits: TextEdit[]): TextEdit[] | undefined {
  const value = pair.value as Node | null;
  const key = pair.key as Node | null;
  if (!value?.range || !key || !isScalar(key) || !map.range) return undefined;
  const region = regionOf(value);
  const mine = edits.filter((e) => inside(e, region));
  if (!mine.length) return edits;
  const copy = copyOf(ctx, value, mine);
  if (!copy) return undefined;
  const name = ctx.text.slice(key.range![0], key.range![1]);
  const insert = ownKeyText(ctx, map, name, copy);
  if (!insert) return undefined;
  return [...edits.filter((e) => !mine.includes(e)), insert];
}

function ownKeyText(ctx: SharedCtx, map: YAMLMap, name: string, copy: { text: string; block: boolean; col: number }): TextEdit | undefined {
  const items = map.items.filter(isPair);
  const last = items[items.length - 1];
  const end = ((last?.value ?? last?.key) as Node | null)?.range?.[1];
  if (end === undefined) return undefined;
  if ((map as { flow?: boolean }).flow) {
    if (copy.block || copy.text.includes('\n')) return undefined;
    return { start: end, end, newText: `, ${name}: ${copy.text}` };
  }
  const first = items[0].key as Node;
  if (!first?.range) return undefined;
  const indent = ctx.lines.position(first.range[0]).character;
  const at = end > 0 && ctx.text[end - 1] === '\n' ? end : ctx.lines.nextLineStart(end);
  const lead = at === ctx.text.length && !ctx.text.endsWith('\n') ? ctx.eol : '';
  const pad = ' '.repeat(indent);
  if (!copy.block) return { start: at, end: at, newText: `${lead}${pad}${name}: ${copy.text}${ctx.eol}` };
  const lines = reindent(ctx, copy.text, copy.col, indent + 2);
  if (!lines) return undefined;
  return { start: at, end: at, newText: `${lead}${pad}${name}:${ctx.eol}${' '.repeat(indent + 2)}${lines.join('\n')}${ctx.eol}` };
}
