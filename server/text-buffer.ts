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
interface Piece { text: string; breaks: number; ends?: number[] }

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

export class PieceDocument implements TextDocument {
  private pieces: Piece[] = [];
  private starts?: number[];
  private linesBefore?: number[];
  private flat?: string;
  private length = 0;
  private breaks = 0;

  constructor(readonly uri: string, readonly languageId: string, public version: number, content: string, private readonly pieceSize = DEFAULT_PIECE) {
    this.setText(content);
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
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        this.replace(this.offsetAt(start), this.offsetAt(end), change.text);
      } else {
        this.setText(change.text);
      }
    }
    this.version = version;
  }

  private setText(text: string): void {
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
    const next = this.split(merged);
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
