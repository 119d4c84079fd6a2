/** Output of one execution: text plus source-map segments (relative to this output). */
import type { Origin, Segment, TraceStep } from '../../source-map';
import type { SourceInfo } from './ast';

export class Out {
  private chunks: string[] = [];
  length = 0;
  readonly segs: Segment[] = [];

  write(s: string): void {
    if (!s) return;
    this.chunks.push(s);
    this.length += s.length;
  }

  /** Literal template text at `pos` of `src`. */
  literal(s: string, src: SourceInfo, pos: number, trace: TraceStep[] | undefined): void {
    if (!s) return;
    const start = this.length;
    this.write(s);
    const origin: Origin | undefined = src.file ? { kind: 'text', file: src.file, offset: pos } : src.tplOrigin;
    if (origin) this.segs.push(trace && trace.length ? { start, end: this.length, origin, trace } : { start, end: this.length, origin });
  }

  mark(start: number, end: number, origin: Origin, trace?: TraceStep[]): void {
    if (end > start) this.segs.push(trace && trace.length ? { start, end, origin, trace } : { start, end, origin });
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}

/** Remove every occurrence of `needle` from the text, moving segments accordingly (Helm drops `<no value>`). */
export function removeAll(text: string, segs: Segment[], needle: string): { text: string; segs: Segment[] } {
  if (!text.includes(needle)) return { text, segs };
  const cuts: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) cuts.push(i);
  const shiftAt = (o: number): number => {
    // removed characters strictly before o (a cut containing o counts up to o)
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (cuts[m] < o) lo = m + 1; else hi = m; }
    let removed = lo * needle.length;
    if (lo > 0 && cuts[lo - 1] + needle.length > o) removed -= cuts[lo - 1] + needle.length - o;
    return o - removed;
  };
  const out: Segment[] = [];
  for (const s of segs) {
    const start = shiftAt(s.start);
    const end = shiftAt(s.end);
    if (end <= start) continue;
    const origin = s.origin.kind === 'text' ? { ...s.origin, offset: s.origin.offset + (start - s.start) } : s.origin;
    out.push({ ...s, start, end, origin });
  }
  return { text: text.split(needle).join(''), segs: out };
}
