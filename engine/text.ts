import type { Position, Range, TextEdit } from './types';

/** Maps UTF-16 offsets to 0-based line/character positions (the LSP default encoding). */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    let i = t.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = t.indexOf('\n', i + 1);
    }
    return (this.starts = starts);
  }

  /** The offset of each line's start (shared, not to be changed). */
  lineStartOffsets(): number[] { return this.lineStarts(); }

  get lineCount(): number { return this.lineStarts().length; }

  /** Offsets outside the text (a parser error "at" the end of the input) are clamped into it. */
  position(offset: number): Position {
    offset = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line >= starts.length) return this.text.length;
    return Math.min(starts[pos.line] + pos.character, this.text.length);
  }

  lineStart(line: number): number { return this.lineStarts()[Math.min(line, this.lineStarts().length - 1)]; }

  /** Offset just past the end of the line containing `offset`, including its line break. */
  nextLineStart(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    return i === -1 ? this.text.length : i + 1;
  }
}

export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Apply non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<TextEdit>): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.end > floor) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

/** One edit covering only what differs between two texts (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  return { start: s, end: before.length - e, newText: after.slice(s, after.length - e) };
}
