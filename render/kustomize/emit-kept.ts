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
/** A printed document: its text and segments (offsets from its start), and the segments where it was placed last. */
interface Printed { text: string; segs: Segment[]; placed?: { at: number; segs: Segment[] }; last: number }

let kept: { docs: Map<string, Printed>; chars: number; max: number; builds: number } | undefined;
/** Documents printed by one of the last this many builds are kept. */
const KEPT_BUILDS = 8;

export function keepEmitted(maxChars: number): void {
  kept = maxChars > 0 ? { docs: new Map(), chars: 0, max: maxChars, builds: 0 } : undefined;
}

export function emitResourcesKept(nodes: ReadonlyArray<KNode>): ReturnType<typeof emitResources> {
  if (!kept) return emitResources(nodes);
  const used = new Map<string, Printed>();
  const parts: string[] = [];
  const segs: Segment[] = [];
  const starts: number[] = [];
  let at = 0;
  nodes.forEach((n, i) => {
    starts.push(at);
    if (i > 0) { parts.push('---\n'); at += 4; }
    const key = fingerprint(n);
    let doc = key === undefined ? undefined : used.get(key) ?? kept!.docs.get(key);
    if (!doc) {
      const e = new Emitter();
      e.document(n);
      const out = e.b.build();
      // in the source map's order (by start, longest first): the whole build's list is then sorted already
      doc = { text: out.text, segs: out.map.segments as Segment[], last: 0 };
    }
    if (key !== undefined) used.set(key, doc);
    parts.push(doc.text);
    // the segments moved to where the document sits (the same place as last time: the same objects)
    if (doc.placed?.at !== at) {
      const moved: Segment[] = [];
      for (const s of doc.segs) moved.push(s.trace ? { start: s.start + at, end: s.end + at, origin: s.origin, trace: s.trace } : { start: s.start + at, end: s.end + at, origin: s.origin });
      doc.placed = { at, segs: moved };
    }
    for (const s of doc.placed.segs) segs.push(s);
    at += doc.text.length;
  });
  // what this build printed first, then what the last few other builds printed (overlays sharing an edited base
  // rebuild in turn), as long as it fits
  const build = ++kept.builds;
  for (const d of used.values()) d.last = build;
  let chars = 0;
  const docs = new Map<string, Printed>();
  for (const m of [used, kept.docs]) {
    for (const [k, d] of m) {
      if (docs.has(k) || d.last < build - KEPT_BUILDS) continue;
      if (chars + d.text.length > kept.max) break;
      docs.set(k, d);
      chars += d.text.length;
    }
  }
  kept.docs = docs;
  kept.chars = chars;
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

/**
 * Everything the printer reads of a tree, as one string: tokens joined by NUL, collections with their sizes, so no
 * two trees give the same string while no key or value holds a NUL (one that does is never kept: undefined).
 */
function fingerprint(n: KNode): string | undefined {
  const out: string[] = [];
  let nul = false;
  const walk = (x: KNode): void => {
    const id = x.src ? srcId(x.src) : '-';
    if (x.kind === 'scalar') {
      if (x.value.includes('\u0000')) nul = true;
      out.push(id, x.tag, x.value);
      return;
    }
    if (x.kind === 'seq') { out.push(id, `[${x.items.length}`); for (const i of x.items) walk(i); return; }
    out.push(id, `{${x.entries.length}`);
    for (const e of x.entries) {
      if (e.key.includes('\u0000')) nul = true;
      out.push(e.key);
      walk(e.value);
    }
  };
  walk(n);
  return nul ? undefined : out.join('\u0000');
}
