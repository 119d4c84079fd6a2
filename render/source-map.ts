import type { Path, Range } from '../engine';

/**
 * Where a span of rendered text came from. One vocabulary for Helm and Kustomize, so mapping findings and
 * fixes back to the file a person edits is written once (render/map-back.ts).
 */
export type Origin =
  /**
   * Copied verbatim from `file`, starting at UTF-16 `offset`: a template's literal text. Rendered offset `o`
   * inside the segment maps to `offset + (o - segment.start)` in `file`.
   */
  | { kind: 'text'; file: string; offset: number }
  /**
   * The rendered YAML node that this segment spans is the YAML node at `path` of document `doc` of `file`
   * (a values key read by `.Values.x`, a base resource's field, a patch's field, a generator literal).
   * A sub-path of the rendered node maps to the same sub-path below `path`, which is how a missing field is
   * added in the values file or patch that supplied its parent. `range` is the source node's range (for display).
   * `doc` -1: the file is not YAML (an env or data file a Kustomize generator read); `range` is the place itself.
   */
  | { kind: 'node'; file: string; doc: number; path: Path; range: Range }
  /**
   * Made by the tool (a hash suffix, a label Helm adds, a computed value): there is no source to edit.
   * `placeholder`: a stand-in for what is decided when the build is applied and was not decided here (Helm's
   * `.Release.Namespace` without `--namespace`: `helm template` prints `default`, `helm install -n` picks the real
   * one). A finding about such a value itself says nothing about the sources, and is not reported.
   */
  | { kind: 'generated'; note: string; placeholder?: true };

/** One step of the chain that carried a value: an include, a `tpl`, a values file, an overlay, a patch. */
export interface TraceStep { file: string; range: Range; note: string }

export interface Segment {
  /** UTF-16 offsets into the rendered text, end exclusive. */
  start: number;
  end: number;
  origin: Origin;
  /** Outermost first: e.g. the template line of the action, then the include, then the values key. */
  trace?: TraceStep[];
}

/**
 * Segments of the rendered text. Segments may nest (a patched field inside a base resource's map): the
 * innermost one that contains an offset wins. Text no segment covers has no known source.
 */
export class SourceMap {
  private readonly segs: Segment[];
  private readonly maxEnd: number[];

  constructor(segments: ReadonlyArray<Segment>) {
    this.segs = [...segments].sort((a, b) => a.start - b.start || b.end - a.end);
    this.maxEnd = new Array<number>(this.segs.length);
    let m = -1;
    for (let i = 0; i < this.segs.length; i++) this.maxEnd[i] = m = Math.max(m, this.segs[i].end);
  }

  get segments(): ReadonlyArray<Segment> { return this.segs; }

  /** The innermost segment containing `[start, end)` (`end` defaults to `start + 1`; empty ranges allowed). */
  at(start: number, end = start + 1): Segment | undefined {
    if (end < start) end = start;
    let best: Segment | undefined;
    // segments are sorted by start; walk back from the last one starting at or before `start`, and stop once
    // no earlier segment reaches past `start` (prefix maximum of the ends)
    for (let i = this.upperBound(start) - 1; i >= 0 && this.maxEnd[i] > start - (end === start ? 1 : 0); i--) {
      const s = this.segs[i];
      const contains = s.start <= start && s.end >= end && (s.end > start || (s.start === start && end === start));
      if (contains && (!best || s.end - s.start < best.end - best.start)) best = s;
    }
    return best;
  }

  /** Every segment overlapping `[start, end)`, in the map's order. */
  overlapping(start: number, end: number): Segment[] {
    // segments starting before `end` (binary search), walked back while an earlier one may still reach past
    // `start` (prefix maximum of the ends)
    const out: Segment[] = [];
    for (let i = this.lowerBound(end) - 1; i >= 0 && this.maxEnd[i] > start; i--) {
      const s = this.segs[i];
      if (s.end > start) out.push(s);
    }
    return out.reverse();
  }

  /** A copy with every offset moved by `delta` (used when rendered pieces are concatenated). */
  shifted(delta: number): SourceMap {
    return new SourceMap(this.segs.map((s) => ({ ...s, start: s.start + delta, end: s.end + delta })));
  }

  static concat(parts: ReadonlyArray<{ map: SourceMap; offset: number }>): SourceMap {
    const all: Segment[] = [];
    for (const p of parts) for (const s of p.map.segs) all.push({ ...s, start: s.start + p.offset, end: s.end + p.offset });
    return new SourceMap(all);
  }

  /** Index of the first segment starting at or after `offset`. */
  private lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.segs[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(offset: number): number {
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.segs[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Collects segments while a renderer writes its output, so offsets are never computed twice. */
export class SourceMapBuilder {
  private readonly segs: Segment[] = [];
  private out = '';

  get length(): number { return this.out.length; }
  get text(): string { return this.out; }

  /** Append literal text copied from `file` at `offset`. */
  literal(text: string, file: string, offset: number, trace?: TraceStep[]): void {
    if (!text) return;
    this.push(text, { kind: 'text', file, offset }, trace);
  }

  /** Append text with a given origin (a value, a generated piece). */
  emit(text: string, origin?: Origin, trace?: TraceStep[]): void {
    if (!text) return;
    if (origin) this.push(text, origin, trace);
    else this.out += text;
  }

  /** Record a segment over text already written (e.g. a whole map after its children were emitted). */
  mark(start: number, end: number, origin: Origin, trace?: TraceStep[]): void {
    if (end > start) this.segs.push(trace ? { start, end, origin, trace } : { start, end, origin });
  }

  build(): { text: string; map: SourceMap } {
    return { text: this.out, map: new SourceMap(this.segs) };
  }

  private push(text: string, origin: Origin, trace?: TraceStep[]): void {
    const start = this.out.length;
    this.out += text;
    this.segs.push(trace ? { start, end: this.out.length, origin, trace } : { start, end: this.out.length, origin });
  }
}
