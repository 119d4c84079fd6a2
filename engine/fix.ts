import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { unshare } from './fix-shared';
import { locate, nodeAt, type Step } from './paths';
import { YAML_OPTIONS } from './parse';
import { detectEol, LineIndex } from './text';
import type { FixOp, FlowMapValue, Path, TextEdit } from './types';

type Value = string | number | boolean | ReadonlyArray<string> | FlowMapValue;

interface Ctx { text: string; doc: Document; lines: LineIndex; eol: string; json: boolean }

/**
 * Turns fix operations into minimal text edits computed from node positions; nothing is re-serialised,
 * so every byte outside the edits stays as written. Returns undefined when an edit cannot be made safely.
 */
export function planFix(text: string, doc: Document, ops: ReadonlyArray<FixOp>, lines = new LineIndex(text), opts: { shared?: 'unshare' | 'in-place' } = {}): TextEdit[] | undefined {
  const ctx: Ctx = { text, doc, lines, eol: detectEol(text), json: looksJson(doc) };
  const edits: TextEdit[] = [];
  for (const op of ops) {
    const e = op.op === 'set' ? planSet(ctx, op.path, op.value)
      : op.op === 'remove' ? planRemove(ctx, op.path)
      : op.op === 'rename' ? planRename(ctx, op.path, op.to)
      : planAppend(ctx, op.path, op.value);
    if (!e) return undefined;
    for (const x of edits) if (e.start < x.end && x.start < e.end) return undefined;
    edits.push(e);
  }
  // edits of anchored, aliased or merged nodes move where they change only the fixed paths; `in-place` (for a
  // batch of fixes that covers every path sharing the node, see fixing.ts) edits the shared node itself
  return opts.shared === 'in-place' ? edits : unshare(ctx, ops, edits);
}

function looksJson(doc: Document): boolean {
  const c = doc.contents as Node | null;
  return !!c && isMap(c) && !!(c as { flow?: boolean }).flow;
}

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./@:-]*$/;
const AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

const PLAIN_CHARS = /^[A-Za-z0-9_./@-][A-Za-z0-9_./@:=-]*$/;

/** Writes a string plain when Kubernetes' YAML 1.1 reading gives back the same string, else quoted. */
export function formatScalar(v: string | number | boolean, json: boolean): string {
  if (typeof v !== 'string') return String(v);
  if (json) return JSON.stringify(v);
  if (PLAIN_SAFE.test(v) && !AMBIGUOUS.test(v)) return v;
  if (PLAIN_CHARS.test(v) && !AMBIGUOUS.test(v)) {
    // a scan plans the same few values (`100m`, `128Mi`) thousands of times: each is read back once
    let plain = readsBack.get(v);
    if (plain === undefined) {
      const docs = [...new Composer(YAML_OPTIONS as never).compose(new Parser().parse(`k: ${v}\n`))];
      plain = (docs[0]?.toJS() as { k?: unknown } | undefined)?.k === v;
      if (readsBack.size >= 4096) readsBack.clear();
      readsBack.set(v, plain);
    }
    if (plain) return v;
  }
  return JSON.stringify(v);
}

/** Whether a plain scalar reads back as the same string (formatScalar), by the string; bounded. */
const readsBack = new Map<string, boolean>();

function formatValue(v: Value, json: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => formatScalar(x, json)).join(', ')}]`;
  // a small map of scalars (e.g. `requests: {cpu: 100m, memory: 128Mi}`), or of such maps, is written as a flow map
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${fmtKey(k, json)}: ${typeof x === 'object' ? formatValue(x, json) : formatScalar(x, json)}`).join(', ')}}`;
  return formatScalar(v as string | number | boolean, json);
}

function fmtKey(k: string, json: boolean): string { return json ? JSON.stringify(k) : formatScalar(k, false); }

function column(ctx: Ctx, offset: number): number { return ctx.lines.position(offset).character; }

/** End of the line holding `offset`'s content, i.e. where a following block line can be inserted. */
function afterLine(ctx: Ctx, end: number): number {
  if (end > 0 && ctx.text[end - 1] === '\n') return end;
  return ctx.lines.nextLineStart(end);
}

function lastValueEnd(map: Node): number {
  const items = (map as unknown as { items: Pair[] }).items;
  const last = items[items.length - 1];
  const v = last?.value as Node | null;
  const k = last?.key as Node | null;
  return v?.range?.[1] ?? k?.range?.[1] ?? (map.range as number[])[1];
}

/** `steps`: the located steps down to the map (each prefix's last step is where that prefix leads). */
function indentStep(ctx: Ctx, steps: ReadonlyArray<Step>, mapIndent: number): number {
  // compare with the indentation of the parent key, when there is one
  for (let i = steps.length - 1; i >= 0; i--) {
    const st = steps[i];
    if (st?.pair?.key && (st.pair.key as Node).range) {
      const keyCol = column(ctx, (st.pair.key as Node).range![0]);
      if (mapIndent > keyCol) return mapIndent - keyCol;
      break;
    }
    if (st?.item) break;
  }
  return 2;
}

/** Block lines that create `keys` ending in `value`, at the given indentation. */
function blockLines(ctx: Ctx, keys: ReadonlyArray<string>, value: Value, indent: number, step: number): string {
  let out = '';
  keys.forEach((k, i) => {
    const pad = ' '.repeat(indent + i * step);
    out += i === keys.length - 1 ? lastLines(ctx, pad, k, value, step) : `${pad}${fmtKey(k, ctx.json)}:${ctx.eol}`;
  });
  return out;
}

/** `key: value`; a map that holds maps is written as a block of flow maps (`resources:` / `  limits: {…}`). */
function lastLines(ctx: Ctx, pad: string, k: string, value: Value, step: number): string {
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).some((x) => typeof x === 'object')) {
    return `${pad}${fmtKey(k, ctx.json)}: ${formatValue(value, ctx.json)}${ctx.eol}`;
  }
  const inner = ' '.repeat(pad.length + step);
  return `${pad}${fmtKey(k, ctx.json)}:${ctx.eol}` + Object.entries(value as FlowMapValue)
    .map(([ik, iv]) => `${inner}${fmtKey(ik, ctx.json)}: ${typeof iv === 'object' ? formatValue(iv, ctx.json) : formatScalar(iv, ctx.json)}${ctx.eol}`).join('');
}

function flowText(ctx: Ctx, keys: ReadonlyArray<string>, value: Value): string {
  let inner = formatValue(value, ctx.json);
  for (let i = keys.length - 1; i >= 1; i--) inner = `{${fmtKey(keys[i], ctx.json)}: ${inner}}`;
  return `${fmtKey(keys[0], ctx.json)}: ${inner}`;
}

function planSet(ctx: Ctx, path: Path, value: Value): TextEdit | undefined {
  const loc = locate(ctx.doc, path);
  if (loc.exact) {
    const st = loc.steps[loc.steps.length - 1];
    const node = st.value;
    // `key: *anchor`: replace the alias here, never the anchored node that other keys share
    const written = (st.pair ? st.pair.value : st.item) as Node | null | undefined;
    if (written && isAlias(written) && written.range && node && isScalar(node)) {
      return { start: written.range[0], end: written.range[1], newText: formatValue(value, ctx.json) };
    }
    if (node && isScalar(node) && node.range && node.value !== null) {
      return { start: node.range[0], end: node.range[1], newText: formatValue(value, ctx.json) };
    }
    if (node && (isMap(node) || isSeq(node))) {
      // only a flow collection written on one line may be replaced (e.g. `drop: [NET_RAW]` -> `[ALL]`)
      if (!(Array.isArray(value) ? isSeq(node) : typeof value === 'object' && isMap(node)) || !(node as { flow?: boolean }).flow || !node.range) return undefined;
      return { start: node.range[0], end: node.range[1], newText: formatValue(value, ctx.json) };
    }
    if (!st.pair) return undefined;
    return insertIntoEmpty(ctx, st.pair, [], value);
  }
  const found = loc.steps.length;
  const rest = path.slice(found);
  if (rest.some((s) => typeof s !== 'string')) return undefined;
  const keys = rest as string[];
  const parent = found ? loc.steps[found - 1].value : (ctx.doc.contents as Node | null);
  if (!parent || (isScalar(parent) && parent.value === null)) {
    const pair = found ? loc.steps[found - 1].pair : undefined;
    return pair ? insertIntoEmpty(ctx, pair, keys, value) : undefined;
  }
  if (!isMap(parent) || !parent.range) return undefined;
  const flow = (parent as { flow?: boolean }).flow;
  if (flow) {
    const close = parent.range[1] - 1;
    if (ctx.text[close] !== '}') return undefined;
    if (!parent.items.length) return { start: close, end: close, newText: flowText(ctx, keys, value) };
    return { start: lastValueEnd(parent), end: lastValueEnd(parent), newText: `, ${flowText(ctx, keys, value)}` };
  }
  const first = parent.items.find(isPair);
  if (!first || !(first.key as Node)?.range) return undefined;
  const indent = column(ctx, (first.key as Node).range![0]);
  const step = indentStep(ctx, loc.steps, indent);
  const at = afterLine(ctx, lastValueEnd(parent));
  const lead = at === ctx.text.length && !ctx.text.endsWith('\n') ? ctx.eol : '';
  return { start: at, end: at, newText: lead + blockLines(ctx, keys, value, indent, step) };
}

/** `key:` with no value (or `null`/`~`): write the new content as its block value. */
function insertIntoEmpty(ctx: Ctx, pair: Pair, keys: ReadonlyArray<string>, value: Value): TextEdit | undefined {
  const key = pair.key as Node;
  if (!key?.range) return undefined;
  const v = pair.value as Node | null;
  const keyEnd = key.range[1];
  const colon = ctx.text.indexOf(':', keyEnd);
  if (colon === -1) return undefined;
  const start = colon + 1;
  // an empty value's range may cover the blanks before a trailing comment: keep them (`key: v   # c`)
  const written = v?.range && v.range[1] > start ? ctx.text.slice(start, v.range[1]) : '';
  const end = written.trim() ? v!.range![1] : start;
  if (!keys.length) return { start, end, newText: ` ${formatValue(value, ctx.json)}` };
  const keyCol = column(ctx, key.range[0]);
  const block = ctx.eol + blockLines(ctx, keys, value, keyCol + 2, 2).replace(/(\r?\n)$/, '');
  if (end === start) {
    // new lines go below a trailing comment, which stays on the key's line
    const nl = ctx.text.indexOf('\n', start);
    let at = nl === -1 ? ctx.text.length : nl;
    if (at > start && ctx.text[at - 1] === '\r') at--;
    if (/^[ \t]*(#.*)?$/.test(ctx.text.slice(start, at))) return { start: at, end: at, newText: block };
  }
  return { start, end, newText: block };
}

/** Replaces only the key's text; refuses when the new key already exists in that map. */
function planRename(ctx: Ctx, path: Path, to: string): TextEdit | undefined {
  const loc = locate(ctx.doc, path);
  const st = loc.steps[loc.steps.length - 1];
  if (!loc.exact || !st?.pair || typeof path[path.length - 1] !== 'string') return undefined;
  const key = st.pair.key as Node;
  if (!key?.range || !isScalar(key) || !isMap(st.container)) return undefined;
  if (st.container.items.some((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === to)) return undefined;
  const text = key.type === 'QUOTE_SINGLE' ? `'${to.replace(/'/g, "''")}'`
    : ctx.json || key.type === 'QUOTE_DOUBLE' ? JSON.stringify(to) : fmtKey(to, false);
  return { start: key.range[0], end: key.range[1], newText: text };
}

function planRemove(ctx: Ctx, path: Path): TextEdit | undefined {
  const loc = locate(ctx.doc, path);
  if (!loc.exact || !loc.steps.length) return undefined;
  const st = loc.steps[loc.steps.length - 1];
  const container = st.container as Node & { items: unknown[]; flow?: boolean };
  const entry = (st.pair ?? st.item) as (Node | Pair) | undefined;
  if (!entry) return undefined;
  const startNode = (st.pair ? st.pair.key : st.item) as Node;
  const endNode = (st.pair ? st.pair.value ?? st.pair.key : st.item) as Node;
  if (!startNode?.range || !endNode?.range) return undefined;
  let start = startNode.range[0];
  let end = endNode.range[1];
  const idx = container.items.indexOf(entry);
  if (container.flow) {
    const next = container.items[idx + 1] as Node | Pair | undefined;
    const prev = container.items[idx - 1] as Node | Pair | undefined;
    if (next) end = startOf(next) ?? end;
    else if (prev) start = endOf(prev) ?? start;
    return { start, end, newText: '' };
  }
  // block: delete whole lines, but only when the entry starts its line
  const lineStart = ctx.lines.lineStart(ctx.lines.position(start).line);
  let before = ctx.text.slice(lineStart, start);
  if (isSeq(container)) {
    if (!/^\s*-\s*$/.test(before)) return undefined;
  } else if (/^\s*-\s*$/.test(before)) {
    // first key of a `- key:` item: the next key moves up behind the dash (`- hostPort: 80` + `  containerPort: 80`)
    const next = container.items[idx + 1] as Pair | undefined;
    const nextStart = next ? startOf(next) : undefined;
    if (nextStart === undefined || ctx.text.slice(end, nextStart).trim().replace(/^#.*$/gm, '').trim()) return undefined;
    return { start, end: nextStart, newText: '' };
  } else if (!/^\s*$/.test(before)) {
    return undefined;
  }
  before = '';
  const lineEnd = afterLine(ctx, end);
  return { start: lineStart, end: lineEnd, newText: before };
}

function startOf(n: Node | Pair): number | undefined {
  return isPair(n) ? (n.key as Node)?.range?.[0] : (n as Node).range?.[0];
}
function endOf(n: Node | Pair): number | undefined {
  return isPair(n) ? ((n.value ?? n.key) as Node)?.range?.[1] : (n as Node).range?.[1];
}

function planAppend(ctx: Ctx, path: Path, value: string | number | boolean): TextEdit | undefined {
  const node = nodeAt(ctx.doc, path);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return planSet(ctx, path, [String(value)]);
  if (!isSeq(node) || !node.range) return undefined;
  const text = formatScalar(value, ctx.json);
  if ((node as { flow?: boolean }).flow) {
    const close = node.range[1] - 1;
    if (ctx.text[close] !== ']') return undefined;
    if (!node.items.length) return { start: close, end: close, newText: text };
    const last = node.items[node.items.length - 1] as Node;
    return { start: last.range![1], end: last.range![1], newText: `, ${text}` };
  }
  const last = node.items[node.items.length - 1] as Node;
  if (!last?.range) return undefined;
  const lineStart = ctx.lines.lineStart(ctx.lines.position(last.range[0]).line);
  const prefix = ctx.text.slice(lineStart, last.range[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const at = afterLine(ctx, last.range[1]);
  const lead = at === ctx.text.length && !ctx.text.endsWith('\n') ? ctx.eol : '';
  return { start: at, end: at, newText: `${lead}${prefix}${text}${ctx.eol}` };
}
