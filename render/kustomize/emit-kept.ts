import type { Document } from 'yaml';
import { shiftDocument } from '../../engine';
import { SourceMap, type Segment, type TraceStep } from '../source-map';
import type { KNode, Src } from './node';
import { Emitter, emitResources } from './yaml-out';

/**
 * Printed resources kept between builds (the language server, see keepParsedYaml): a keystroke in a patch
 * rebuilds the whole kustomization, but most resources come out as they did (a big bundle's CRDs), and printing
 * them is the largest part of a rebuild. A resource is printed again only when its tree differs from one printed
 * before: the comparison covers everything the printer reads (keys, tags, values, order, and every node's source
 * and trace, which become the source map). The trees of earlier builds are never changed after their build (a
 * build starts from copies: kept parses and kept bases are copied), so a kept tree is what was printed.
 */
/**
 * A printed document: its tree, text and segments (offsets from its start), the segments where it was placed
 * last, and the documents composed from it where it was placed (see composedAt).
 */
export interface Printed { node: KNode; text: string; segs: Segment[]; placed?: { at: number; segs: Segment[] }; last: number; composed?: Array<{ at: number; doc: Document.Parsed }> }

/** Kept documents by headKey (a resource's kind and name: the candidates a new tree is compared with). */
let kept: { docs: Map<string, Printed[]>; chars: number; max: number; builds: number } | undefined;
/** Documents printed by one of the last this many builds are kept. */
const KEPT_BUILDS = 8;

export function keepEmitted(maxChars: number): void {
  kept = maxChars > 0 ? { docs: new Map(), chars: 0, max: maxChars, builds: 0 } : undefined;
}

export function emitResourcesKept(nodes: ReadonlyArray<KNode>): ReturnType<typeof emitResources> & { printed?: Printed[] } {
  if (!kept) return emitResources(nodes);
  const printed: Printed[] = [];
  const used = new Map<string, Printed[]>();
  const parts: string[] = [];
  const segs: Segment[] = [];
  const starts: number[] = [];
  let at = 0;
  nodes.forEach((n, i) => {
    starts.push(at);
    if (i > 0) { parts.push('---\n'); at += 4; }
    const key = headKey(n);
    let doc = used.get(key)?.find((d) => sameTree(d.node, n)) ?? kept!.docs.get(key)?.find((d) => sameTree(d.node, n));
    if (!doc) {
      const e = new Emitter();
      e.document(n);
      const out = e.b.build();
      // in the source map's order (by start, longest first): the whole build's list is then sorted already
      doc = { node: n, text: out.text, segs: out.map.segments as Segment[], last: 0 };
    }
    const same = used.get(key);
    if (!same) used.set(key, [doc]);
    else if (!same.includes(doc)) same.push(doc);
    parts.push(doc.text);
    printed.push(doc);
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
  for (const list of used.values()) for (const d of list) d.last = build;
  let chars = 0;
  const docs = new Map<string, Printed[]>();
  const seen = new Set<Printed>();
  let full = false;
  for (const m of [used, kept.docs]) {
    for (const [k, list] of m) {
      for (const d of list) {
        if (seen.has(d) || d.last < build - KEPT_BUILDS) continue;
        if (chars + d.text.length > kept.max) { full = true; break; }
        seen.add(d);
        const l = docs.get(k);
        if (l) l.push(d); else docs.set(k, [d]);
        chars += d.text.length;
      }
      if (full) break;
    }
    if (full) break;
  }
  kept.docs = docs;
  kept.chars = chars;
  return { text: parts.join(''), map: new SourceMap(segs), starts, printed };
}

/** Documents composed per printed document: the places of its last few builds (a keystroke and back). */
const COMPOSED_PLACES = 3;

/**
 * The composed YAML document of a printed one, its offsets those of the whole output (it starts at `at`, after
 * `---` when `marker`): the same text at the same place composes to the same document, so one composed by an
 * earlier build is used again. `compose` composes the slice (offsets from its start). Nothing changes a composed
 * document afterwards (the engine reads it), so builds may share it.
 */
export function composedAt(p: Printed, at: number, compose: () => Document.Parsed): Document.Parsed {
  const hit = p.composed?.find((c) => c.at === at);
  if (hit) return hit.doc;
  const doc = compose();
  shiftDocument(doc, at);
  (p.composed ??= []).unshift({ at, doc });
  if (p.composed.length > COMPOSED_PLACES) p.composed.pop();
  return doc;
}

/** A resource's apiVersion, kind, namespace and name as written (any other tree: its kind of node). */
function headKey(n: KNode): string {
  if (n.kind !== 'map') return n.kind;
  let key = '';
  for (const e of n.entries) {
    if ((e.key === 'kind' || e.key === 'apiVersion') && e.value.kind === 'scalar') key += `${e.key}\u0000${e.value.value}\u0000`;
    else if (e.key === 'metadata' && e.value.kind === 'map') {
      for (const m of e.value.entries) if ((m.key === 'name' || m.key === 'namespace') && m.value.kind === 'scalar') key += `${m.key}\u0000${m.value.value}\u0000`;
    }
  }
  return key;
}

/** Do two trees print the same text and source map (same keys, tags, values, order, and sources)? */
function sameTree(a: KNode, b: KNode): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.src !== b.src && (!a.src || !b.src || srcId(a.src) !== srcId(b.src))) return false;
  if (a.kind === 'scalar') return a.tag === (b as typeof a).tag && a.value === (b as typeof a).value;
  if (a.kind === 'seq') {
    const bi = (b as typeof a).items;
    if (a.items.length !== bi.length) return false;
    for (let i = 0; i < bi.length; i++) if (!sameTree(a.items[i], bi[i])) return false;
    return true;
  }
  const be = (b as typeof a).entries;
  if (a.entries.length !== be.length) return false;
  for (let i = 0; i < be.length; i++) if (a.entries[i].key !== be[i].key || !sameTree(a.entries[i].value, be[i].value)) return false;
  return true;
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
