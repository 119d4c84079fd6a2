/**
 * What the fast block-YAML readers share (engine/yaml-fast.ts builds the `yaml` package's nodes, the kustomize
 * reader builds kustomize's): the text seen as lines, and the line-level questions both ask of it (indentation,
 * blank or comment lines, where a quoted or plain scalar ends). A reader gives up on anything outside its subset
 * by throwing BAIL (bail()), which its entry point turns into "use the general path".
 */
export const BAIL = new Error('outside the fast subset');
export function bail(): never { throw BAIL; }

export const SP = 32, HASH = 35, COLON = 58, DASH = 45, NL = 10;

/** c-indicator characters that cannot start a plain scalar here (`-` is checked apart). */
export function badStart(c: number): boolean {
  // ? : , [ ] { } # & * ! | > ' " % @ `
  return c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}

/** How many hex digits follow the escape letter `x`, `u` or `U`. */
export function hexDigits(x: string): number { return x === 'x' ? 2 : x === 'u' ? 4 : 8; }

/** The code point the `len` hex digits at t[from] write; malformed or not a Unicode scalar value: not in the subset. */
export function hexCodePoint(t: string, from: number, len: number): number {
  const hex = t.slice(from, from + len);
  if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
  const cp = parseInt(hex, 16);
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bail();
  return cp;
}

/** The escapes of a double-quoted scalar (the usual ones; any other, or a malformed code point, is not in the subset). */
export function decodeDouble(raw: string): string {
  let i = raw.indexOf('\\');
  if (i < 0) return raw;
  let value = raw.slice(0, i);
  for (; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') { value += ch; continue; }
    const x = raw[i + 1];
    let n = 2;
    switch (x) {
      case '\\': value += '\\'; break;
      case '"': value += '"'; break;
      case '/': value += '/'; break;
      case ' ': value += ' '; break;
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case '0': value += '\0'; break;
      case 'x': case 'u': case 'U': {
        const len = hexDigits(x);
        value += String.fromCodePoint(hexCodePoint(raw, i + 2, len));
        n = 2 + len;
        break;
      }
      default: bail();
    }
    i += n - 1;
  }
  return value;
}

export abstract class BlockLines {
  /** The offset of each line's start. */
  protected readonly ls: number[];
  protected readonly n: number;
  /** The line and offset the document being read ends at. */
  protected limit = 0;
  protected limitOffset = 0;
  protected depth = 0;
  /** Each line's indentation plus one, once asked (0: not yet): a line is asked about several times. */
  private readonly ind: Int32Array;

  /** `lineStarts`: the offset of each line of `text` (LineIndex's), when already known. */
  constructor(protected readonly text: string, lineStarts?: number[]) {
    if (lineStarts) this.ls = lineStarts;
    else {
      const ls = [0];
      let i = text.indexOf('\n');
      while (i !== -1) { ls.push(i + 1); i = text.indexOf('\n', i + 1); }
      this.ls = ls;
    }
    this.n = this.ls.length;
    this.ind = new Int32Array(this.n);
  }

  /** Offset of the line break ending line `ln` (or the end of the text). */
  protected eol(ln: number): number { return ln + 1 < this.n ? this.ls[ln + 1] - 1 : this.text.length; }
  /** Offset after line `ln` and its line break. */
  protected after(ln: number): number { return ln + 1 < this.n ? this.ls[ln + 1] : this.text.length; }
  protected indent(ln: number): number {
    const known = this.ind[ln];
    if (known !== 0) return known - 1;
    const t = this.text;
    const s = this.ls[ln];
    let i = s;
    while (t.charCodeAt(i) === SP) i++;
    this.ind[ln] = i - s + 1;
    return i - s;
  }
  /** Blank or comment only. */
  protected trivia(ln: number): boolean {
    // the indentation stops at the line's end (a line break, or the text's end)
    const i = this.ls[ln] + this.indent(ln);
    return i === this.eol(ln) || this.text.charCodeAt(i) === HASH;
  }
  protected isComment(ln: number): boolean {
    const i = this.ls[ln] + this.indent(ln);
    return i < this.eol(ln) && this.text.charCodeAt(i) === HASH;
  }
  protected nextContent(from: number): number {
    for (let ln = from; ln < this.limit; ln++) if (!this.trivia(ln)) return ln;
    return -1;
  }
  protected isDash(ln: number, col: number): boolean {
    const i = this.ls[ln] + col;
    if (this.text.charCodeAt(i) !== DASH) return false;
    const c = i + 1 < this.text.length ? this.text.charCodeAt(i + 1) : NL;
    return c === SP || c === NL;
  }
  /** After a value on its line: spaces, then a comment or the line end; anything else is not in the subset. */
  protected lineRest(ln: number, i: number): void {
    const t = this.text;
    const e = this.eol(ln);
    if (i === e) return;
    if (t.charCodeAt(i) !== SP) bail();
    while (i < e && t.charCodeAt(i) === SP) i++;
    if (i < e && t.charCodeAt(i) !== HASH) bail();
  }
  /** Offset of the quote closing a double-quoted scalar opened at `o`, or -1. */
  protected doubleEnd(o: number): number {
    const t = this.text;
    for (let i = o + 1; i < t.length; i++) {
      const ch = t.charCodeAt(i);
      if (ch === 92) i++;
      else if (ch === 34) return i;
    }
    return -1;
  }
  /** Offset of the quote closing a single-quoted scalar opened at `o` (`''` is a quote inside it), or -1. */
  protected singleEnd(o: number): number {
    const t = this.text;
    let i = o;
    for (;;) {
      i = t.indexOf("'", i + 1);
      if (i < 0) return -1;
      if (t.charCodeAt(i + 1) !== 39) return i;
      i++;
    }
  }
  /** End of a plain scalar's text on line `ln` from `o` (trailing spaces and a comment left out); `: ` bails. */
  protected plainEnd(ln: number, o: number): number {
    const t = this.text;
    const e = this.eol(ln);
    let end = o;
    for (let i = o; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === SP) {
        if (t.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (ch === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SP)) bail();
      end = i + 1;
    }
    return end;
  }
  /**
   * Where a collection of indent `ik` ends whose last value ended before line `rest`: comment lines from there on
   * stay in the collection (and extend its range to the next token) when one is indented at least as deep as it.
   */
  protected finish(ik: number, rest: number, r1: number): { r2: number; rest: number } {
    const next = this.nextContent(rest);
    const to = next < 0 ? this.limit : next;
    if (ik > 0) {
      for (let ln = rest; ln < to; ln++) {
        if (this.isComment(ln) && this.indent(ln) >= ik) {
          return { r2: next < 0 ? this.limitOffset : this.ls[next] + this.indent(next), rest: to };
        }
      }
    }
    return { r2: r1, rest };
  }
  protected commentBetween(from: number, to: number): boolean {
    for (let l = from; l < to; l++) if (this.isComment(l)) return true;
    return false;
  }
  protected enter(): void { if (++this.depth > 500) bail(); }

  /**
   * The lines of a literal block scalar (`|` or `|-` at `o` on line `ln`, under a collection indented `parent`):
   * its indentation `m`, its last content line and where it ends (r1); the reader then takes the text.
   * `keepOk`: a `+` (keep) header is taken too (`keep`); its lines are found the same way (the trailing blank
   * lines it keeps are in its value and range only, which the caller then does not read).
   */
  protected literalLines(ln: number, o: number, parent: number, keepOk = false): { strip: boolean; keep: boolean; m: number; lastContent: number; r1: number } {
    const t = this.text;
    let i = o + 1;
    const strip = t.charCodeAt(i) === DASH;
    const keep = keepOk && t.charCodeAt(i) === 43;
    if (strip || keep) i++;
    this.lineRest(ln, i);
    // the first line with content sets the indentation
    let first = -1;
    for (let l = ln + 1; l < this.n; l++) {
      const s = this.ls[l];
      const e = this.eol(l);
      let k = s;
      while (k < e && t.charCodeAt(k) === SP) k++;
      if (k < e) { first = l; break; }
    }
    if (first < 0) bail();
    const m = this.indent(first);
    if (m <= parent || m === 0) bail();
    // leading blank lines may not be longer than the indentation
    for (let l = ln + 1; l < first; l++) if (this.eol(l) - this.ls[l] > m) bail();
    let lastContent = first;
    let l = first + 1;
    for (; l < this.n; l++) {
      const s = this.ls[l];
      const e = this.eol(l);
      let k = s;
      while (k < e && t.charCodeAt(k) === SP) k++;
      if (k === e) {
        if (e - s > m) lastContent = l; // a line of spaces longer than the indentation is content
        continue;
      }
      if (k - s < m) break;
      lastContent = l;
    }
    if (lastContent >= this.limit) bail();
    const r1 = this.after(lastContent);
    if (r1 > this.limitOffset) bail();
    return { strip, keep, m, lastContent, r1 };
  }

  /** The text of the literal block scalar whose lines literalLines found (`|-`: without its final line break). */
  protected literalText(ln: number, m: number, lastContent: number, strip: boolean): string {
    const t = this.text;
    let value = '';
    for (let x = ln + 1; x <= lastContent; x++) {
      const s = this.ls[x];
      const e = this.eol(x);
      value += (e - s > m ? t.slice(s + m, e) : '') + '\n';
    }
    return strip ? value.slice(0, -1) : value;
  }
}
