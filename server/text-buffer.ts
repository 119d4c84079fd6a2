import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * An open document's text as a list of pieces of about `pieceSize` characters, each knowing its line breaks.
 * An incremental edit rewrites only the one or two pieces it touches (the library's document copies the whole
 * text on every keystroke: 300 edits of a 4 MB bundle cost seconds); the whole text is joined once, when a lint
 * asks for it, and kept until the next edit. Positions follow LSP: `\n`, `\r\n` and a lone `\r` end a line, and
 * a position past a line's end is its end, exactly as `vscode-languageserver-textdocument` computes them.
 *
 * Invariant: a piece never ends with `\r` while the next one starts with `\n` (a CRLF is never split), so each
 * piece counts its own line breaks.
 */
interface Piece { text: string; breaks: number; ends?: number[]; bytes?: number; braces?: boolean }

/** The text between two versions changed only in [start, oldEnd) of the older one, now [start, newEnd). */
export interface ChangedSpan { start: number; oldEnd: number; newEnd: number }

/**
 * What a linter needs of a document's text without joining it: its length, slices, and the span changed since an
 * earlier version (undefined when unknown: the whole text counts as changed).
 */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
  full(): string;
  changedSince(version: number): ChangedSpan | undefined;
}

/** Edits remembered for `changedSince` (older versions get undefined: re-split the whole text). */
const MAX_EDITS = 256;

const DEFAULT_PIECE = 16 * 1024;

function piece(text: string): Piece {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return { text, breaks };
}

/** Offsets just after each line break of a piece. */
function endsOf(p: Piece): number[] {
  if (p.ends) return p.ends;
  const ends: number[] = [];
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) ends.push(i + 1);
    else if (c === 13) {
      if (t.charCodeAt(i + 1) === 10) i++;
      ends.push(i + 1);
    }
  }
  return (p.ends = ends);
}

const isEol = (c: number) => c === 10 || c === 13;

/**
 * The piece `old` with [s, e) replaced by `insert` (its new text is `text`), its line ends worked out from the
 * old piece's: those before the edit are kept, those after it shifted, and only the inserted text (with the
 * character on each side, for a CRLF formed or split there) is scanned. Equal to `piece(text)` with `endsOf`.
 */
function patched(old: Piece, s: number, e: number, insert: string, text: string): Piece {
  const ends = endsOf(old);
  const delta = insert.length - (e - s);
  const out: number[] = [];
  let k = 0;
  // a break ending at s or later may change: a \r just before the edit may meet a \n inserted after it
  while (k < ends.length && ends[k] < s) out.push(ends[k++]);
  const scanEnd = Math.min(text.length, s + insert.length + 1);
  for (let i = Math.max(0, s - 1); i < scanEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1);
    }
  }
  // the breaks after the scanned span, moved by the length difference (one the scan already ended is skipped)
  const after = Math.max(scanEnd, out.length ? out[out.length - 1] : -1);
  for (; k < ends.length; k++) if (ends[k] + delta > after) out.push(ends[k] + delta);
  return { text, breaks: out.length, ends: out };
}

export class PieceDocument implements TextDocument {
  private pieces: Piece[] = [];
  private starts?: number[];
  private linesBefore?: number[];
  private flat?: string;
  private length = 0;
  private breaks = 0;
  /** Edits since `editsFrom`: the span each one replaced (in the text it applied to) and the version it made. */
  private edits: Array<{ version: number; start: number; end: number; length: number }> = [];
  private editsFrom = -1;

  constructor(readonly uri: string, readonly languageId: string, public version: number, content: string, private readonly pieceSize = DEFAULT_PIECE) {
    this.setText(content);
    this.editsFrom = version;
  }

  get lineCount(): number {
    this.index();
    return this.breaks + 1;
  }

  getText(range?: Range): string {
    this.flat ??= this.pieces.length === 1 ? this.pieces[0].text : this.pieces.map((p) => p.text).join('');
    if (!range) return this.flat;
    return this.flat.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    this.index();
    offset = Math.max(Math.min(offset, this.length), 0);
    const p = this.pieceAt(offset);
    const local = offset - this.starts![p];
    const ends = endsOf(this.pieces[p]);
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= local) lo = mid + 1;
      else hi = mid;
    }
    const line = this.linesBefore![p] + lo;
    const start = this.lineStart(line);
    return { line, character: this.beforeEol(offset, start) - start };
  }

  offsetAt(position: Position): number {
    this.index();
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.lineCount ? this.lineStart(position.line + 1) : this.length;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    this.index();
    if (line >= this.lineCount) {
      const last = this.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - this.lineStart(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.lineStart(line);
    const next = line + 1 < this.lineCount ? this.lineStart(line + 1) : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    this.index();
    if (line >= this.lineCount || line < 0) return '';
    const start = this.lineStart(line);
    const next = line + 1 < this.lineCount ? this.lineStart(line + 1) : this.length;
    return this.getText().substring(this.beforeEol(next, start), next);
  }

  update(changes: ReadonlyArray<TextDocumentContentChangeEvent>, version: number): void {
    const from = this.version;
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        const a = this.offsetAt(start);
        const b = this.offsetAt(end);
        this.replace(a, b, change.text);
        if (this.editsFrom >= 0) this.edits.push({ version, start: a, end: b, length: change.text.length });
      } else {
        this.setText(change.text);
      }
    }
    // versions must grow for the edit log to mean anything; otherwise forget it
    if (this.editsFrom < 0 || version <= from) {
      this.edits = [];
      this.editsFrom = version;
    } else if (this.edits.length > MAX_EDITS) {
      const drop = this.edits.length - MAX_EDITS;
      this.editsFrom = this.edits[drop - 1].version;
      this.edits.splice(0, drop);
    }
    this.version = version;
  }

  /** Length in UTF-16 code units (the offsets' unit). */
  get textLength(): number {
    this.index();
    return this.length;
  }

  /** UTF-8 size of the text, without joining it (each piece counts once per edit). */
  byteLength(): number {
    let n = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i];
      p.bytes ??= Buffer.byteLength(p.text);
      n += p.bytes;
      // a surrogate pair cut between two pieces: counted as two lone surrogates (3 + 3 bytes), it is 4
      const next = this.pieces[i + 1];
      if (next && /[\uD800-\uDBFF]$/.test(p.text) && /^[\uDC00-\uDFFF]/.test(next.text)) n -= 2;
    }
    return n;
  }

  /** Whether the text contains `{{` (a template's mark), without joining it. */
  hasBraces(): boolean {
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i];
      p.braces ??= p.text.includes('{{');
      if (p.braces) return true;
      const next = this.pieces[i + 1];
      if (next && p.text.endsWith('{') && next.text.startsWith('{')) return true;
    }
    return false;
  }

  /** text[start, end), joined from the pieces it spans (the whole text is not built). */
  slice(start: number, end: number): string {
    if (this.flat !== undefined) return this.flat.slice(start, end);
    this.index();
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    const first = this.pieceAt(start);
    const starts = this.starts!;
    const parts: string[] = [];
    for (let i = first; i < this.pieces.length && starts[i] < end; i++) {
      const t = this.pieces[i].text;
      parts.push(t.slice(Math.max(0, start - starts[i]), Math.min(t.length, end - starts[i])));
    }
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /**
   * The span changed between version `from` and this one, in `from`'s coordinates (start, oldEnd) and this
   * version's (start, newEnd); undefined when the log does not reach back to `from` (or the text was replaced).
   */
  changedSince(from: number): ChangedSpan | undefined {
    if (from === this.version) return { start: 0, oldEnd: 0, newEnd: 0 };
    if (this.editsFrom < 0 || from < this.editsFrom || from > this.version) return undefined;
    let span: ChangedSpan | undefined;
    for (const e of this.edits) {
      if (e.version <= from) continue;
      if (!span) { span = { start: e.start, oldEnd: e.end, newEnd: e.start + e.length }; continue; }
      // union with the span so far, in the coordinates the edit applied to, then mapped back to `from`'s
      const start = Math.min(span.start, e.start);
      const end = Math.max(span.newEnd, e.end);
      span = { start, oldEnd: span.oldEnd + (end - span.newEnd), newEnd: end + e.length - (e.end - e.start) };
    }
    return span ?? { start: 0, oldEnd: 0, newEnd: 0 };
  }

  /** The text as a {@link TextSource}. */
  source(): TextSource {
    return { length: this.textLength, slice: (a, b) => this.slice(a, b), full: () => this.getText(), changedSince: (v) => this.changedSince(v) };
  }

  private setText(text: string): void {
    // the whole text replaced: no span to report until the next version
    this.edits = [];
    this.editsFrom = -1;
    this.pieces = this.split(text);
    if (!this.pieces.length) this.pieces.push(piece(''));
    this.changed();
  }

  private changed(): void {
    this.starts = undefined;
    this.linesBefore = undefined;
    this.flat = undefined;
  }

  /** Piece boundaries (offsets and lines before each piece), worked out once per edit: O(pieces). */
  private index(): void {
    if (this.starts) return;
    const starts: number[] = [];
    const lines: number[] = [];
    let at = 0;
    let br = 0;
    for (const p of this.pieces) {
      starts.push(at);
      lines.push(br);
      at += p.text.length;
      br += p.breaks;
    }
    this.starts = starts;
    this.linesBefore = lines;
    this.length = at;
    this.breaks = br;
  }

  /** The piece holding `offset` (the last one for the end of the text). */
  private pieceAt(offset: number): number {
    this.index();
    const starts = this.starts!;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // an empty piece holds nothing: step back to one that does (the end of the text stays in the last piece)
    while (lo > 0 && offset === starts[lo] && !this.pieces[lo].text.length) lo--;
    return lo;
  }

  /** Offset where line `line` (0 < line <= breaks) starts, or 0 for the first line. */
  private lineStart(line: number): number {
    if (line <= 0) return 0;
    const before = this.linesBefore!;
    let lo = 0;
    let hi = before.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (before[mid] < line) lo = mid;
      else hi = mid - 1;
    }
    return this.starts![lo] + endsOf(this.pieces[lo])[line - before[lo] - 1];
  }

  private charCodeAt(offset: number): number {
    const p = this.pieceAt(offset);
    const local = offset - this.starts![p];
    const t = this.pieces[p].text;
    return local < t.length ? t.charCodeAt(local) : this.pieces[p + 1]?.text.charCodeAt(0) ?? NaN;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** Replaces text[start, end) with `text`, rewriting only the pieces the range touches. */
  private replace(start: number, end: number, text: string): void {
    this.index();
    const starts = this.starts!;
    let first = this.pieceAt(start);
    let last = Math.max(first, this.pieceAt(end));
    if (end === starts[last] && last > first) last--;
    let merged = this.pieces[first].text.slice(0, start - starts[first]) + text + this.pieces[last].text.slice(end - starts[last]);
    const n = this.pieces.length;
    // a sliver joins a neighbour, so edits do not fragment the list
    if (merged.length < this.pieceSize / 4) {
      if (last + 1 < n) merged += this.pieces[++last].text;
      else if (first > 0) merged = this.pieces[--first].text + merged;
    }
    // a CRLF stays in one piece
    if (first > 0 && merged.charCodeAt(0) === 10 && this.pieces[first - 1].text.endsWith('\r')) merged = this.pieces[--first].text + merged;
    if (last + 1 < n && merged.endsWith('\r') && this.pieces[last + 1].text.charCodeAt(0) === 10) merged += this.pieces[++last].text;
    // one piece edited in place (no neighbour joined): its line ends are patched, not counted again
    const one = first === last && merged.length > 0 && merged.length <= 2 * this.pieceSize;
    const next = one ? [patched(this.pieces[first], start - starts[first], end - starts[first], text, merged)] : this.split(merged);
    this.pieces.splice(first, last - first + 1, ...next);
    if (!this.pieces.length) this.pieces.push(piece(''));
    this.changed();
  }

  /** Pieces of about pieceSize characters; a cut never falls inside a CRLF. */
  private split(text: string): Piece[] {
    if (text.length <= 2 * this.pieceSize) return text.length ? [piece(text)] : [];
    const out: Piece[] = [];
    let at = 0;
    while (at < text.length) {
      let cut = Math.min(at + this.pieceSize, text.length);
      if (text.length - cut < this.pieceSize / 2) cut = text.length;
      if (cut < text.length && text.charCodeAt(cut - 1) === 13 && text.charCodeAt(cut) === 10) cut++;
      out.push(piece(text.slice(at, cut)));
      at = cut;
    }
    return out;
  }
}

/** The `TextDocuments` configuration that keeps open documents as {@link PieceDocument}s. */
export const PIECE_DOCUMENTS: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new PieceDocument(uri, languageId, version, content),
  update: (doc, changes, version) => {
    if (!(doc instanceof PieceDocument)) throw new Error('PIECE_DOCUMENTS.update: not a PieceDocument');
    doc.update(changes, version);
    return doc;
  },
};
