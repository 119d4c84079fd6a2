import { SourceMap, type Segment, type TraceStep } from '../source-map';
import type { KNode, Src } from './node';
import { Emitter, emitResources } from './yaml-out';

/**
 * Printed resources kept between builds (the language server, see keepParsedYaml): a keystroke in a patch
 * rebuilds the whole kustomization, but most resources come out as they did (a big bundle's CRDs), and printing
 * them is the largest part of a rebuild. A resource is printed again only when its tree differs from one printed
 * before: its fingerprint covers everything the printer reads (keys, tags, values, order, and every node's
 * source and trace, which become the source map).
 */
let kept: { docs: Map<string, { text: string; segs: Segment[] }>; chars: number; max: number } | undefined;

export function keepEmitted(maxChars: number): void {
  kept = maxChars > 0 ? { docs: new Map(), chars: 0, max: maxChars } : undefined;
}

export function emitResourcesKept(nodes: ReadonlyArray<KNode>): ReturnType<typeof emitResources> {
  if (!kept) return emitResources(nodes);
  const used = new Map<string, { text: string; segs: Segment[] }>();
  const parts: string[] = [];
  const segs: Segment[] = [];
  const starts: number[] = [];
  let at = 0;
  nodes.forEach((n, i) => {
    starts.push(at);
    if (i > 0) { parts.push('---\n'); at += 4; }
    const key = fingerprint(n);
    let doc = used.get(key) ?? kept!.docs.get(key);
    if (!doc) {
      const e = new Emitter();
      e.document(n);
      const out = e.b.build();
      doc = { text: out.text, segs: [...out.map.segments] };
    }
    used.set(key, doc);
    parts.push(doc.text);
    for (const s of doc.segs) segs.push({ ...s, start: s.start + at, end: s.end + at });
    at += doc.text.length;
  });
  // what this build printed replaces what was kept (the previous build's documents are the likely next hits)
  let chars = 0;
  for (const d of used.values()) chars += d.text.length;
  if (chars <= kept.max) { kept.docs = used; kept.chars = chars; }
  return { text: parts.join(''), map: new SourceMap(segs), starts };
}

/**
 * Ids of source records. Equal records share an id, so a record made anew by each build (a trace step put in
 * front of a base's nodes) still matches. Its range and path are compared by identity: kept parses share them,
 * and nothing changes them in place (a `Src` is replaced, never edited), so the same object is the same place.
 */
const srcIds = new WeakMap<Src, string>();
const objIds = new WeakMap<object, string>();
const stepKeys = new WeakMap<TraceStep, string>();
const srcKeys = new Map<string, string>();
let next = 0;

function objId(o: object): string {
  let id = objIds.get(o);
  if (id === undefined) objIds.set(o, (id = (next++).toString(36)));
  return id;
}

function stepKey(t: TraceStep): string {
  let k = stepKeys.get(t);
  if (k === undefined) {
    const r = t.range;
    stepKeys.set(t, (k = `${t.file}\u0001${r.start.line},${r.start.character},${r.end.line},${r.end.character}\u0001${t.note}`));
  }
  return k;
}

function srcId(s: Src): string {
  let id = srcIds.get(s);
  if (id !== undefined) return id;
  let key = `${s.file}\u0001${s.doc}\u0001${objId(s.path)}\u0001${objId(s.range)}\u0001${s.generated ?? '\u0004'}\u0001${s.offset ?? ''}`;
  if (s.trace) for (const t of s.trace) key += `\u0002${stepKey(t)}`;
  id = srcKeys.get(key);
  if (id === undefined) {
    if (srcKeys.size > 1_000_000) srcKeys.clear();
    srcKeys.set(key, (id = (next++).toString(36)));
  }
  srcIds.set(s, id);
  return id;
}

/** Everything the printer reads of a tree, as one string (texts with their lengths: no two trees give the same). */
function fingerprint(n: KNode): string {
  const out: string[] = [];
  const walk = (x: KNode): void => {
    out.push(x.src ? srcId(x.src) : '-');
    if (x.kind === 'scalar') { out.push('s', x.tag, String(x.value.length), x.value); return; }
    if (x.kind === 'seq') { out.push('[', String(x.items.length)); for (const i of x.items) walk(i); return; }
    out.push('{', String(x.entries.length));
    for (const e of x.entries) { out.push(String(e.key.length), e.key); walk(e.value); }
  };
  walk(n);
  return out.join('\u0000');
}
