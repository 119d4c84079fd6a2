import { LineIndex, nodeAt, parseManifest, rangeForPath, type Finding, type ParsedFile, type Path, type Range } from '../engine';
import type { ReadOnlyFs } from './fs';
import type { Origin, Segment, SourceMap, TraceStep } from './source-map';

/** Where a finding on rendered text belongs: the file and range a person would edit, and the chain. */
export interface MappedLocation {
  file: string;
  range: Range;
  offsets: [number, number];
  trace: TraceStep[];
  /** How it was placed: literal source text, a source YAML node (values key, resource field), or nothing better. */
  via: 'text' | 'node' | 'fallback';
}

/** The source of one rendered node: a YAML node of a source file, and how far below it the rendered path went. */
export interface NodeSource {
  file: string;
  doc: number;
  /** Path in the source document (the origin's path plus the rendered sub-path below the segment root). */
  path: Path;
  segment: Segment;
  /** Rendered path of the segment root (the rendered node the whole segment spans). */
  renderedRoot: Path;
}

/**
 * Source files parsed as the engine parses them, kept while their text is unchanged: a chart's values files are
 * read by the render (values-yaml.ts) and again here to place findings (one parse per render), and the language
 * server renders again on every keystroke with most sources unchanged. Callers treat the result as read-only.
 * Least recently used first out, within a small bound on the text held (the trees take several times that).
 */
const parsedSources = new Map<string, ParsedFile>();
let parsedChars = 0;
const MAX_PARSED_CHARS = 4 * 1024 * 1024;

export function parsedSource(text: string): ParsedFile {
  let p = parsedSources.get(text);
  if (p) {
    parsedSources.delete(text);
    parsedSources.set(text, p);
    return p;
  }
  p = parseManifest(text);
  if (text.length > MAX_PARSED_CHARS / 2) return p;
  parsedSources.set(text, p);
  parsedChars += text.length;
  for (const k of parsedSources.keys()) {
    if (parsedChars <= MAX_PARSED_CHARS || parsedSources.size <= 1) break;
    parsedSources.delete(k);
    parsedChars -= k.length;
  }
  return p;
}

/** Parsed source files (values files, resources, patches), read through the render's file system once. */
export class SourceIndex {
  private readonly parsed = new Map<string, ParsedFile | null>();
  private readonly raw = new Map<string, { text: string; lines: LineIndex } | null>();
  constructor(private readonly fs: ReadOnlyFs) {}

  /** A file's text and line index without parsing it (templates are not YAML). */
  rawText(path: string): string | undefined { return this.rawFile(path)?.text; }

  rawFile(path: string): { text: string; lines: LineIndex } | undefined {
    let r = this.raw.get(path);
    if (r === undefined) {
      const text = this.fs.readText(path);
      r = text === undefined ? null : { text, lines: new LineIndex(text) };
      this.raw.set(path, r);
    }
    return r ?? undefined;
  }

  file(path: string): ParsedFile | undefined {
    let p = this.parsed.get(path);
    if (p === undefined) {
      const text = this.fs.readText(path);
      p = text === undefined ? null : parsedSource(text);
      this.parsed.set(path, p);
    }
    return p ?? undefined;
  }

  text(path: string): string | undefined { return this.file(path)?.text; }
}

/** Range and offsets of `path` in a source YAML document (nearest existing ancestor, as the engine reports). */
function sourceRange(src: SourceIndex, file: string, doc: number, path: Path): { range: Range; offsets: [number, number] } | undefined {
  const pf = src.file(file);
  const d = pf?.docs[doc]?.doc;
  if (!pf || !d) return undefined;
  const [s, e] = rangeForPath(d, path);
  return { range: pf.lines.range(s, e), offsets: [s, e] };
}

/** A source that is not YAML (doc -1: an env or data file of a Kustomize generator): the origin's own range. */
function rawRange(src: SourceIndex, file: string, origin: Origin): { range: Range; offsets: [number, number] } | undefined {
  const pf = src.rawFile(file);
  if (!pf || origin.kind !== 'node') return undefined;
  return { range: origin.range, offsets: [pf.lines.offset(origin.range.start), pf.lines.offset(origin.range.end)] };
}

function textLocation(src: SourceIndex, seg: Segment & { origin: Extract<Origin, { kind: 'text' }> }, start: number, end: number): MappedLocation | undefined {
  const pf = src.rawFile(seg.origin.file);
  if (!pf) return undefined;
  const s = seg.origin.offset + (start - seg.start);
  const e = seg.origin.offset + (Math.min(end, seg.end) - seg.start);
  if (e > pf.text.length) return undefined;
  return { file: seg.origin.file, range: pf.lines.range(s, e), offsets: [s, e], trace: seg.trace ? [...seg.trace] : [], via: 'text' };
}

/**
 * The source node behind the rendered node at `path` (or its nearest existing ancestor): walks up the path
 * until a rendered node lies inside a `node` segment, then up to the segment's root, and maps the rest of the
 * path below the origin's path.
 */
export function nodeSourceOf(rendered: ParsedFile, docIndex: number, map: SourceMap, path: Path): NodeSource | undefined {
  const doc = rendered.docs[docIndex]?.doc;
  if (!doc) return undefined;
  for (let k = path.length; k >= 0; k--) {
    const n = nodeAt(doc, path.slice(0, k));
    if (!n?.range) continue;
    const [ns, ne] = span(rendered.text, n.range);
    let seg = map.at(ns, ne);
    // a collection whose text is exactly its first entry's (a one-entry map) finds that entry's segment
    // innermost: its own segment, when one starts at its key, is the one that says where it was written
    const keyStart = k > 0 && typeof path[k - 1] === 'string' && seg?.start === ns && typeof (n as { items?: unknown }).items === 'object' ? keyStartOf(doc, path.slice(0, k)) : undefined;
    if (keyStart !== undefined && keyStart < ns) {
      const own = map.at(keyStart, ne);
      if (own?.start === keyStart && own.origin.kind === 'node' && own.origin.path[own.origin.path.length - 1] === path[k - 1]) seg = own;
    }
    if (!seg || seg.origin.kind !== 'node') continue;
    // climb while the parent node still lies inside the same segment: the highest such node is the root.
    // A segment that starts at the node's key and names that key (`key: value`, as a Kustomize build marks an
    // entry) is this node's own, even when a one-entry parent map spans exactly the same text.
    let root = k;
    // (only a segment that starts at the key: a Helm value segment starts earlier, at the line break and indent
    // that `nindent` printed before the map it spans, and holds no key of its own)
    const ownsKey = k > 0 && typeof path[k - 1] === 'string' && ns > seg.start && seg.origin.path[seg.origin.path.length - 1] === path[k - 1]
      && keyStartOf(doc, path.slice(0, k)) === seg.start;
    while (root > 0 && !ownsKey) {
      const p = nodeAt(doc, path.slice(0, root - 1));
      if (!p?.range) break;
      const [ps, pe] = span(rendered.text, p.range);
      if (ps < seg.start || pe > seg.end) break;
      root--;
    }
    const origin = seg.origin;
    return { file: origin.file, doc: origin.doc, path: [...origin.path, ...path.slice(root)], segment: seg, renderedRoot: path.slice(0, root) };
  }
  return undefined;
}

/** Where the key of the map entry at `path` starts in the rendered text. */
function keyStartOf(doc: Parameters<typeof nodeAt>[0], path: Path): number | undefined {
  const parent = nodeAt(doc, path.slice(0, -1)) as { items?: Array<{ key?: { value?: unknown; range?: number[] } }> } | undefined;
  const pair = parent?.items?.find((p) => p.key?.value === path[path.length - 1]);
  return pair?.key?.range?.[0];
}

/** A node's text without the line breaks and blanks a block collection's range ends with. */
function span(text: string, range: readonly number[]): [number, number] {
  let e = Math.max(range[1], range[0]);
  while (e > range[0] && /\s/.test(text[e - 1])) e--;
  return [range[0], e];
}

/**
 * Moves a finding on rendered text to the place a person edits:
 * 1. the rendered node it is about (or its nearest existing ancestor) came from a source YAML node -> that
 *    node, or the sub-path below it (a missing field is shown on the values key or patch entry that supplied
 *    its parent);
 * 2. its whole range is literal text of one source file -> that text;
 * 3. its start is literal text -> that line;
 * 4. otherwise `fallback` (the render's root file), so a finding is never lost.
 */
export function mapFinding(src: SourceIndex, rendered: ParsedFile, map: SourceMap, f: Pick<Finding, 'offsets' | 'path' | 'docIndex'>, fallbackFile: string): MappedLocation {
  const [s, e] = f.offsets;
  const ns = nodeSourceOf(rendered, f.docIndex, map, f.path);
  if (ns) {
    const r = ns.doc < 0 ? rawRange(src, ns.file, ns.segment.origin) : sourceRange(src, ns.file, ns.doc, ns.path);
    if (r) return { file: ns.file, ...r, trace: ns.segment.trace ? [...ns.segment.trace] : [], via: 'node' };
  }
  const whole = map.at(s, Math.max(e, s));
  if (whole?.origin.kind === 'text') {
    const loc = textLocation(src, whole as Segment & { origin: Extract<Origin, { kind: 'text' }> }, s, e);
    if (loc) return withValueNote(loc, rendered, map, f);
  }
  const first = map.at(s, s);
  if (first?.origin.kind === 'text') {
    const loc = textLocation(src, first as Segment & { origin: Extract<Origin, { kind: 'text' }> }, s, Math.min(e, first.end));
    if (loc) return withValueNote(loc, rendered, map, f);
  }
  const trace = first?.trace ?? whole?.trace ?? [];
  const head = trace[0];
  if (head) {
    const pf = src.rawFile(head.file);
    const offsets: [number, number] = pf ? [pf.lines.offset(head.range.start), pf.lines.offset(head.range.end)] : [0, 0];
    return { file: head.file, range: head.range, offsets, trace: trace.slice(1), via: 'fallback' };
  }
  return { file: fallbackFile, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, offsets: [0, 0], trace: [], via: 'fallback' };
}

/**
 * Is the finding about a value that is a stand-in for a choice made when the build is applied, not made here
 * (Origin `generated` with `placeholder`, e.g. Helm's `.Release.Namespace` without --namespace)? Only the value
 * itself counts: the node at the finding's path is a scalar printed whole from the placeholder.
 */
export function aboutPlaceholder(rendered: ParsedFile, map: SourceMap, f: Finding): boolean {
  const doc = rendered.docs[f.docIndex]?.doc;
  const n = doc && f.path.length ? nodeAt(doc, f.path) : undefined;
  if (!n?.range || typeof (n as { items?: unknown }).items === 'object') return false;
  const [s, e] = unquoted(rendered.text, span(rendered.text, n.range));
  const seg = map.at(s, Math.max(e, s + 1));
  return seg?.origin.kind === 'generated' && seg.origin.placeholder === true && seg.start <= s && seg.end >= e;
}

/** A quoted scalar's text between its quotes (`{{ include "x.namespace" . | quote }}` printed the inside). */
function unquoted(text: string, [s, e]: [number, number]): [number, number] {
  const q = text[s];
  return (q === '"' || q === "'") && e - s >= 2 && text[e - 1] === q ? [s + 1, e - 1] : [s, e];
}

/**
 * A finding shown on template text whose value was not written in any file (a `--set`, a computed value): the
 * trace ends with the action that printed it, noted with where the value came from (`--set a.b=true`).
 */
function withValueNote(loc: MappedLocation, rendered: ParsedFile, map: SourceMap, f: Pick<Finding, 'path' | 'docIndex'>): MappedLocation {
  const doc = rendered.docs[f.docIndex]?.doc;
  const n = doc ? nodeAt(doc, f.path) : undefined;
  if (!n?.range) return loc;
  const whole = span(rendered.text, n.range);
  const inner = unquoted(rendered.text, whole);
  // the value's own origin first (inside its quotes), else the action that printed it
  let seg = map.at(inner[0], Math.max(inner[1], inner[0]));
  if (seg?.origin.kind !== 'generated' || !seg.origin.note || !seg.trace?.length) seg = map.at(whole[0], Math.max(whole[1], whole[0]));
  if (seg?.origin.kind !== 'generated' || !seg.origin.note || !seg.trace?.length) return loc;
  const action = seg.trace[seg.trace.length - 1];
  const step: TraceStep = { file: action.file, range: action.range, note: seg.origin.note };
  if (loc.trace.some((t) => t.file === step.file && t.note === step.note && t.range.start.line === step.range.start.line)) return loc;
  return { ...loc, trace: [...loc.trace, step] };
}
