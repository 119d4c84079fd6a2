/**
 * YAML output as Helm's toYaml produces it: the value goes through JSON (encoding/json), is read back by go-yaml
 * v2 (JSON numbers become ints or floats) and written by go-yaml v2's emitter: its key order, quoting choices,
 * literal blocks for multi-line strings and folding of long lines at 80 columns.
 */
import { formatFloat } from './float-format';
import { JsonError, OrderedFields, jsonFloat, jsonView } from './go-json';
import { GoInt, isGoMap } from './go-value';
import { isBase60Float, resolvePlain } from './yaml-resolve';

/** The tree go-yaml v2 sees after reading the JSON back. */
type YNode = { k: 'str'; v: string } | { k: 'int'; v: string } | { k: 'float'; v: number } | { k: 'bool'; v: boolean }
  | { k: 'null' } | { k: 'seq'; items: YNode[] } | { k: 'map'; entries: [string, YNode][] };

function toYNode(v: unknown, depth: number): YNode {
  if (depth > 1000) throw new JsonError('json: unsupported value: encountered a cycle');
  v = jsonView(v);
  if (v === null || v === undefined) return { k: 'null' };
  switch (typeof v) {
    case 'string': return { k: 'str', v: v.replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => (c >= '\udc00' ? (i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00 ? c : '\ufffd') : (s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff ? c : '\ufffd'))) };
    case 'boolean': return { k: 'bool', v };
    case 'number': return numberNode(jsonFloat(v));
    case 'function': throw new JsonError('json: unsupported type');
  }
  if (v instanceof GoInt) return numberNode(String(v.value));
  if (Array.isArray(v)) return { k: 'seq', items: v.map((x) => toYNode(x, depth + 1)) };
  const pairs: [string, unknown][] = v instanceof OrderedFields ? v.entries : isGoMap(v) ? Object.keys(v).map((k) => [k, v[k]]) : [];
  const entries = pairs.map(([k, x]) => [k, toYNode(x, depth + 1)] as [string, YNode]);
  entries.sort((a, b) => (yamlKeyLess(a[0], b[0]) ? -1 : yamlKeyLess(b[0], a[0]) ? 1 : 0));
  return { k: 'map', entries };
}

/** A JSON number read by go-yaml: an int when it parses as one, else a float. */
function numberNode(text: string): YNode {
  const r = resolvePlain(text);
  if (r.tag === 'int') return { k: 'int', v: String(r.big ?? r.v) };
  return { k: 'float', v: Number(text) };
}

const isLetterCp = (c: string): boolean => /\p{L}/u.test(c);
const isDigitCp = (c: string): boolean => /\p{Nd}/u.test(c);

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetterCp(ar[i]);
    const bl = isLetterCp(br[i]);
    if (al && bl) return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigitCp(ar[j]); j--) {
        if (ar[j] !== '0') { an = 1n; bn = 1n; break; }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigitCp(ar[ai]); ai++) an = an * 10n + BigInt(Number(ar[ai]));
    for (; bi < br.length && isDigitCp(br[bi]); bi++) bn = bn * 10n + BigInt(Number(br[bi]));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

// ------------------------------------------------------------------ the emitter
const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const isPrintable = (cp: number): boolean => cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
const isBreak = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreak(c) || c === '\0';

interface Analysis { multiline: boolean; flowPlain: boolean; blockPlain: boolean; single: boolean; block: boolean }

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  const ch = [...value];
  let blockInd = false;
  let flowInd = false;
  if (ch.length >= 3 && ((ch[0] === '-' && ch[1] === '-' && ch[2] === '-') || (ch[0] === '.' && ch[1] === '.' && ch[2] === '.'))) { blockInd = true; flowInd = true; }
  let preceded = true;
  let lineBreaks = false; let special = false; let leadingSpace = false; let leadingBreak = false; let trailingSpace = false;
  let trailingBreak = false; let breakSpace = false; let spaceBreak = false; let prevSpace = false; let prevBreak = false;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    const followed = i + 1 >= ch.length || isBlank(ch[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) { flowInd = true; blockInd = true; }
      else if (c === '?' || c === ':') { flowInd = true; if (followed) blockInd = true; }
      else if (c === '-') { if (followed) { flowInd = true; blockInd = true; } }
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      else if (c === ':') { flowInd = true; if (followed) blockInd = true; }
      else if (c === '#') { if (preceded) { flowInd = true; blockInd = true; } }
    }
    if (!isPrintable(c.codePointAt(0) ?? 0)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else { prevSpace = false; prevBreak = false; }
    preceded = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) { a.flowPlain = false; a.blockPlain = false; }
  if (trailingSpace) a.block = false;
  if (breakSpace) { a.flowPlain = false; a.blockPlain = false; a.single = false; }
  if (spaceBreak || special) { a.flowPlain = false; a.blockPlain = false; a.single = false; a.block = false; }
  if (lineBreaks) { a.flowPlain = false; a.blockPlain = false; }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  out = '';
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  openEnded = false;

  put(s: string): void { this.out += s; this.column += [...s].length; }
  putBreak(): void { this.out += '\n'; this.column = 0; }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void { this.indent = this.indents.pop() ?? -1; }

  node(n: YNode, ctx: { mapping: boolean; simpleKey: boolean; root: boolean }): void {
    switch (n.k) {
      case 'map': return this.mapping(n.entries);
      case 'seq': return this.sequence(n.items, ctx.mapping);
      case 'str': return this.stringScalar(n.v, ctx.simpleKey);
      case 'int': return this.scalar(n.v, 'plain', ctx.simpleKey);
      case 'float': {
        let s = formatFloat(n.v, 'g', -1);
        if (s === '+Inf') s = '.inf'; else if (s === '-Inf') s = '-.inf'; else if (s === 'NaN') s = '.nan';
        return this.scalar(s, 'plain', ctx.simpleKey);
      }
      case 'bool': return this.scalar(n.v ? 'true' : 'false', 'plain', ctx.simpleKey);
      case 'null': return this.scalar('null', 'plain', ctx.simpleKey);
    }
  }

  stringScalar(s: string, simpleKey: boolean): void {
    const r = resolvePlain(s);
    const canPlain = r.tag === 'str' && !isBase60Float(s);
    const style: Style = s.includes('\n') ? 'literal' : canPlain ? 'plain' : 'double';
    this.scalar(s, style, simpleKey);
  }

  scalar(value: string, style: Style, simpleKey: boolean): void {
    const a = analyze(value);
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (value.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.single) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const breaks = !simpleKey;
    switch (style) {
      case 'plain': this.writePlain(value, breaks); break;
      case 'single': this.writeSingle(value, breaks); break;
      case 'double': this.writeDouble(value, breaks); break;
      case 'literal': this.writeLiteral(value); break;
    }
    this.popIndent();
  }

  writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const ch = [...value];
    let spaces = false;
    let brk = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && ch[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!brk && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        brk = true;
      } else {
        if (brk) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        brk = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingle(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const ch = [...value];
    let spaces = false;
    let brk = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < ch.length - 1 && ch[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!brk && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        brk = true;
      } else {
        if (brk) this.writeIndent();
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
        brk = false;
      }
    }
    if (brk) this.writeIndent();
    this.indicator("'", false, false, false);
  }

  writeDouble(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      const cp = c.codePointAt(0) ?? 0;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        const esc: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
        if (esc[cp] !== undefined) this.put(esc[cp]);
        else if (cp <= 0xff) this.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
        else if (cp <= 0xffff) this.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < ch.length - 1) {
          this.writeIndent();
          if (ch[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }

  writeLiteral(value: string): void {
    this.indicator('|', true, false, false);
    const ch = [...value];
    if (ch[0] === ' ' || isBreak(ch[0])) this.indicator(String(BEST_INDENT), false, false, false);
    this.openEnded = false;
    let chomp = '';
    if (ch.length === 0) chomp = '-';
    else if (!isBreak(ch[ch.length - 1])) chomp = '-';
    else if (ch.length === 1) { chomp = '+'; this.openEnded = true; }
    else if (isBreak(ch[ch.length - 2])) { chomp = '+'; this.openEnded = true; }
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of ch) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) { this.writeIndent(); breaks = false; }
        this.put(c);
        this.indention = false;
      }
    }
  }

  mapping(entries: [string, YNode][]): void {
    if (entries.length === 0) {
      this.indicator('{', true, true, false);
      this.indicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      const simple = [...k].length <= 128 && !analyze(k).multiline;
      if (simple) {
        this.stringScalar(k, true);
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.node({ k: 'str', v: k }, { mapping: true, simpleKey: false, root: false });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(v, { mapping: true, simpleKey: false, root: false });
    }
    this.popIndent();
  }

  sequence(items: YNode[], inMapping: boolean): void {
    if (items.length === 0) {
      this.indicator('[', true, true, false);
      this.indicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, inMapping && !this.indention);
    for (const it of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(it, { mapping: false, simpleKey: false, root: false });
    }
    this.popIndent();
  }
}

/** go-yaml v2's Marshal of a value that went through JSON (sigs.k8s.io/yaml). Throws JsonError when JSON cannot hold it. */
export function goYamlMarshal(v: unknown): string {
  const n = toYNode(v, 0);
  const e = new Emitter();
  e.node(n, { mapping: false, simpleKey: false, root: true });
  if (e.openEnded) { e.writeIndent(); e.put('...'); }
  e.writeIndent();
  if (e.column !== 0) e.putBreak();
  return e.out.replace(/^\n/, '');
}

/** Helm's toYaml: the YAML without its final newline; "" when the value cannot be marshalled. */
export function helmToYaml(v: unknown): string {
  try {
    return goYamlMarshal(v).replace(/\n$/, '');
  } catch (e) {
    if (e instanceof JsonError || e instanceof RangeError) return '';
    throw e;
  }
}
