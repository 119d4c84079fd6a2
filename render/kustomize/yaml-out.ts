import { SourceMapBuilder, type Origin } from '../source-map';
import { decodeScalar, formatFloat, v2NeedsQuotes, type JsonScalar } from './resolve';
import type { KMap, KNode, Src } from './node';

/**
 * Prints resources the way `kubectl kustomize` does. kustomize marshals each resource to JSON and converts
 * that to YAML with Go's yaml.v2: keys sorted (yaml.v2's natural order: digit runs compare as numbers, a
 * non-letter sorts before a letter), 2-space indents, sequences not indented under their key, lines folded
 * past column 80, YAML 1.1 look-alikes quoted. This is a port of the parts of that emitter kustomize uses.
 */

const BEST_WIDTH = 80;

export function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) if (ar[j] !== '0') { an = 1n; bn = 1n; break; }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
function isLetter(c: string): boolean { return c < '\x80' ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : LETTER.test(c); }
function isDigit(c: string): boolean { return c < '\x80' ? c >= '0' && c <= '9' : DIGIT.test(c); }

export function sortedEntries(m: KMap): KMap['entries'] {
  return [...m.entries].sort((x, y) => (keyLess(x.key, y.key) ? -1 : keyLess(y.key, x.key) ? 1 : 0));
}

function originOf(src: Src | undefined): Origin | undefined {
  if (!src) return undefined;
  if (src.generated) return { kind: 'generated', note: src.generated };
  if (src.offset !== undefined) return { kind: 'text', file: src.file, offset: src.offset };
  return { kind: 'node', file: src.file, doc: src.doc, path: src.path, range: src.range };
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface Analysis { multiline: boolean; blockPlain: boolean; singleQuoted: boolean; block: boolean }

const SIMPLE_ANALYSIS: Analysis = { multiline: false, blockPlain: true, singleQuoted: true, block: true };

/**
 * Printable ASCII starting with a letter or digit, without `:`, `#` or a trailing space (most keys and values):
 * nothing in it makes analyze() rule a style out.
 */
function isSimple(value: string): boolean {
  const n = value.length;
  if (!n) return false;
  const c0 = value.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return false;
  for (let i = 1; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || c === 58 || c === 35) return false;
  }
  return value.charCodeAt(n - 1) !== 32;
}

function analyze(value: string): Analysis {
  if (isSimple(value)) return SIMPLE_ANALYSIS;
  if (value === '') return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  let blockInd = false, lineBreaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false;
  const n = value.length;
  if (n >= 3 && ((value.startsWith('---')) || value.startsWith('...'))) blockInd = true;
  let precededByWs = true;
  for (let i = 0; i < n; i++) {
    let cp = value.charCodeAt(i);
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) { cp = value.codePointAt(i)!; w = 2; }
    const next = i + w < n ? value.charCodeAt(i + w) : -1;
    const followedByWs = next === -1 || next === 32 || next === 9;
    const last = i + w >= n;
    if (i === 0) {
      if (cp < 128 && '#,[]{}&*!|>\'"%@`'.includes(String.fromCharCode(cp))) blockInd = true;
      else if ((cp === 63 || cp === 58) && followedByWs) blockInd = true;
      else if (cp === 45 && followedByWs) blockInd = true;
    } else if (cp === 58 && followedByWs) blockInd = true;
    else if (cp === 35 && precededByWs) blockInd = true;
    if (!(cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff))) special = true;
    const brk = cp === 10 || cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
    if (cp === 32) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (brk) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else { prevSpace = false; prevBreak = false; }
    precededByWs = cp === 32 || cp === 9 || brk;
    i += w - 1;
  }
  let blockPlain = true, singleQuoted = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) { blockPlain = false; singleQuoted = false; }
  if (spaceBreak || special) { blockPlain = false; singleQuoted = false; block = false; }
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, singleQuoted, block };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

export class Emitter {
  readonly b = new SourceMapBuilder();
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;

  document(root: KNode): void {
    this.column = 0; this.whitespace = true; this.indention = true; this.indent = -1;
    const start = this.b.length;
    this.node(root, 'root');
    if (this.column !== 0) this.putBreak();
    this.mark(start, root.src);
  }

  raw(text: string): void { this.b.emit(text); }

  /**
   * A node just written as a literal block scalar ends with the line break that always follows it (YAML
   * readers count it in the node's range), so the segment of the node, and of every collection ending with it,
   * takes that break in too.
   */
  private mark(start: number, src: Src | undefined): void {
    const o = originOf(src);
    const end = this.b.length + (this.literalEnd === this.b.length && o?.kind === 'node' ? 1 : 0);
    if (o) this.b.mark(start, end, o, src?.trace);
  }

  /** Output length right after the last literal block scalar (its break is not written yet). */
  private literalEnd = -1;

  private put(s: string): void {
    this.b.emit(s);
    // columns count code points (one UTF-16 unit is one)
    // eslint-disable-next-line no-control-regex
    this.column += s.length === 1 || /^[\x00-\x7f]*$/.test(s) ? s.length : [...s].length;
  }
  private putBreak(): void { this.b.emit('\n'); this.column = 0; }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  private pushIndent(flow: boolean, indentless: boolean): number {
    const saved = this.indent;
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
    return saved;
  }

  private node(n: KNode, ctx: 'root' | 'key' | 'mapValue' | 'seqItem'): void {
    if (n.kind === 'map') {
      if (!n.entries.length) return this.emptyCollection('{}');
      return this.blockMap(n);
    }
    if (n.kind === 'seq') {
      if (!n.items.length) return this.emptyCollection('[]');
      return this.blockSeq(n, ctx === 'mapValue');
    }
    this.scalar(decodeScalar(n.tag, n.value), false);
  }

  private emptyCollection(text: string): void {
    const saved = this.pushIndent(true, false);
    this.indicator(text[0], true, true, false);
    this.indicator(text[1], false, false, false);
    this.indent = saved;
  }

  private blockMap(m: KMap): void {
    const saved = this.pushIndent(false, false);
    for (const e of sortedEntries(m)) {
      this.writeIndent();
      const start = this.b.length;
      this.scalar(e.key, true);
      this.indicator(':', false, false, false);
      this.node(e.value, 'mapValue');
      this.mark(start, e.value.src);
    }
    this.indent = saved;
  }

  private blockSeq(s: KNode & { kind: 'seq' }, inMapping: boolean): void {
    const saved = this.pushIndent(false, inMapping && !this.indention);
    for (const item of s.items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      const start = this.b.length;
      this.node(item, 'seqItem');
      this.mark(start, item.src);
    }
    this.indent = saved;
  }

  /** A scalar: a map key (`simpleKey`) or a value, decoded as kustomize's JSON round trip decodes it. */
  private scalar(v: JsonScalar, simpleKey: boolean): void {
    let text: string;
    let style: Style = 'plain';
    if (v === null) text = 'null';
    else if (typeof v === 'boolean') text = v ? 'true' : 'false';
    else if (typeof v === 'object' && 'int' in v) text = v.int.toString();
    else if (typeof v === 'object') text = formatFloat(v.float);
    else {
      text = v;
      style = text.includes('\n') ? 'literal' : v2NeedsQuotes(text) ? 'double' : 'plain';
    }
    const a = analyze(text);
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain' && (!a.blockPlain || (text === '' && simpleKey))) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    const saved = this.pushIndent(true, false);
    if (style === 'plain') this.writePlain(text, !simpleKey);
    else if (style === 'single') this.writeSingle(text, !simpleKey);
    else if (style === 'double') this.writeDouble(text, !simpleKey);
    else { this.writeLiteral(text); if (this.column !== 0) this.literalEnd = this.b.length; }
    this.indent = saved;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    // eslint-disable-next-line no-control-regex
    const ascii = /^[\x00-\x7f]*$/.test(value);
    if (!allowBreaks || this.column + (ascii ? value.length : [...value].length) <= BEST_WIDTH || !value.includes(' ')) {
      this.put(value);
    } else {
      const s = ascii ? value : [...value];
      const len = s.length;
      let start = 0;
      let col = this.column;
      for (let i = 0; i < len; i++) {
        const c = s[i];
        if (c === ' ' && col > BEST_WIDTH && s[i - 1] !== ' ' && i + 1 < len && s[i + 1] !== ' ') {
          this.put(ascii ? (s as string).slice(start, i) : (s as string[]).slice(start, i).join(''));
          this.writeIndent();
          start = i + 1;
          col = this.column;
          continue;
        }
        col++;
      }
      this.put(ascii ? (s as string).slice(start) : (s as string[]).slice(start).join(''));
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const s = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < s.length - 1 && s[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const s = [...value];
    let spaces = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeChar(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < s.length - 1) {
          this.writeIndent();
          if (s[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else { this.put(c); spaces = false; }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.indicator('|', true, false, false);
    // line breaks are single UTF-16 units: the first and last units decide as the first and last characters do
    const n = value.length;
    if (value[0] === ' ' || isBreak(value[0] ?? '')) this.indicator('2', false, false, false);
    let chomp = '';
    if (!n || !isBreak(value[n - 1])) chomp = '-';
    else if (n === 1 || isBreak(value[n - 2])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    if (!/[\r\u0085\u2028\u2029]/.test(value)) {
      // line by line (the only break is \n): the same as the loop below, without a string per character
      const lines = value.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (i > 0) { this.putBreak(); this.indention = true; breaks = true; }
        const line = lines[i];
        if (!line) continue;
        if (breaks) this.writeIndent();
        this.put(line);
        this.indention = false;
        breaks = false;
      }
      return;
    }
    let buf = '';
    for (const c of value) {
      if (isBreak(c)) {
        if (buf) { this.put(buf); buf = ''; }
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        buf += c;
        this.indention = false;
        breaks = false;
      }
    }
    if (buf) this.put(buf);
  }
}

function escapeChar(c: string): string {
  switch (c) {
    case '\0': return '0';
    case '\x07': return 'a';
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\x0b': return 'v';
    case '\f': return 'f';
    case '\r': return 'r';
    case '\x1b': return 'e';
    case '"': return '"';
    case '\\': return '\\';
    case '\u0085': return 'N';
    case '\u00a0': return '_';
    case '\u2028': return 'L';
    case '\u2029': return 'P';
  }
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return 'x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

/** kubectl kustomize's output for a list of resources: each document, `---` between them. */
export function emitResources(nodes: ReadonlyArray<KNode>): { text: string; map: import('../source-map').SourceMap; starts: number[] } {
  const e = new Emitter();
  const starts: number[] = [];
  nodes.forEach((n, i) => {
    starts.push(e.b.length);
    if (i > 0) e.raw('---\n');
    e.document(n);
  });
  return { ...e.b.build(), starts };
}
