import { BAIL, BlockLines, COLON, DASH, HASH, SP, badStart, bail, decodeDouble, type Path, type Position } from '../../engine';
import { resolvePlain } from './resolve';
import { NULL, STR, type KEntry, type KNode, type Src } from './node';
import type { LoadedDoc } from './yaml-in';

/**
 * A fast reader for the block YAML that real manifests are written in (CRDs make up most of the bytes of a big
 * build): block maps and sequences, plain, quoted and literal scalars, comments, `---`. It gives exactly the nodes
 * parseYaml's general path (the `yaml` package) gives, with the same ranges, or gives up (`undefined`) at the first
 * thing outside that subset (anchors, tags, flow collections with items, folded scalars, tabs, explicit keys, any
 * indentation that is not plainly a map or a sequence): the general path then reads the file, and reports its
 * errors. Node ranges follow the `yaml` package's parser (a collection ends where its last value's trailing
 * comments end; see `attach` and `keeps`).
 */
export function fastParse(text: string, file: string): LoadedDoc[] | undefined {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Reader(text, file).stream();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}


interface Parsed { node: KNode; r1: number; r2: number; rest: number; hasEnd: boolean }



class Reader extends BlockLines {
  private docIndex = 0;

  constructor(text: string, private readonly file: string) {
    super(text);
  }


  private pos(o: number, hint: number): Position {
    const ls = this.ls;
    let ln = hint;
    if (ln < 0 || ln >= this.n || ls[ln] > o) ln = 0;
    while (ln + 1 < this.n && ls[ln + 1] <= o) ln++;
    return { line: ln, character: o - ls[ln] };
  }
  private src(r0: number, r1: number, path: Path, ln: number): Src {
    const start = this.pos(r0, ln);
    return { file: this.file, doc: this.docIndex, path, range: { start, end: this.pos(r1, start.line) } };
  }

  stream(): LoadedDoc[] {
    const t = this.text;
    const markers: number[] = [];
    for (let ln = 0; ln < this.n; ln++) {
      const s = this.ls[ln];
      const c = t.charCodeAt(s);
      if (c === 37) bail(); // %
      if ((c === DASH || c === 46) && t.startsWith(c === DASH ? '---' : '...', s)) {
        const e = this.eol(ln);
        if (s + 3 < e && t.charCodeAt(s + 3) !== SP) continue; // "---x": content
        if (c === 46) bail();
        // only a comment may follow the marker
        let i = s + 3;
        while (i < e && t.charCodeAt(i) === SP) i++;
        if (i < e && t.charCodeAt(i) !== HASH) bail();
        markers.push(ln);
      }
    }
    const out: LoadedDoc[] = [];
    const segments: Array<[number, number, number]> = []; // [first line, end line, start offset]
    const firstEnd = markers.length ? markers[0] : this.n;
    this.limit = firstEnd;
    const first = this.nextContent(0);
    if (first >= 0) segments.push([0, firstEnd, this.ls[first]]);
    markers.forEach((m, i) => segments.push([m + 1, i + 1 < markers.length ? markers[i + 1] : this.n, this.ls[m]]));
    for (const [from, to, start] of segments) {
      this.limit = to;
      this.limitOffset = to < this.n ? this.ls[to] : t.length;
      this.docIndex = out.length;
      const ln = this.nextContent(from);
      if (ln < 0) {
        // an empty document (after `---`): a null scalar after the marker, as the `yaml` package composes it
        if (from === 0) bail();
        let at = start + 3;
        while (t.charCodeAt(at) === SP) at++;
        const node: KNode = { kind: 'scalar', tag: NULL, value: '', src: this.src(at, at, [], from - 1) };
        out.push({ node, index: out.length, start });
        continue;
      }
      const col = this.indent(ln);
      if (this.isDash(ln, col)) {
        const r = this.seq(ln, col, [], -1);
        if (this.nextContent(r.rest) >= 0) bail();
        out.push({ node: r.node, index: out.length, start });
      } else if (this.keyAt(ln, this.ls[ln] + col)) {
        const r = this.map(ln, col, []);
        if (this.nextContent(r.rest) >= 0) bail();
        out.push({ node: r.node, index: out.length, start });
      } else bail(); // a scalar document
    }
    return out;
  }


  /**
   * A map key at offset `o` (plain or quoted, then `:` and a space or the line end): its text, whether quoted,
   * where it ends and where its `:` is; undefined when the content there is not a key.
   */
  private keyAt(ln: number, o: number): { key: string; kq: boolean; k1: number; colon: number } | undefined {
    const t = this.text;
    const e = this.eol(ln);
    const c = t.charCodeAt(o);
    if (c === 34 || c === 39) {
      const q = this.quoted(ln, o);
      let i = q.end;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (t.charCodeAt(i) !== COLON) return undefined;
      if (i + 1 < e && t.charCodeAt(i + 1) !== SP) return undefined;
      return { key: q.value, kq: true, k1: q.end, colon: i };
    }
    if (badStart(c) || (c === DASH && (o + 1 >= e || t.charCodeAt(o + 1) === SP))) return undefined;
    for (let i = o; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SP) return undefined;
      if (ch === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SP)) {
        let k1 = i;
        while (k1 > o && t.charCodeAt(k1 - 1) === SP) k1--;
        if (k1 === o || i - o > 1000) bail();
        const key = t.slice(o, k1);
        if (key === '<<') bail();
        return { key, kq: false, k1, colon: i };
      }
    }
    return undefined;
  }

  /** A single-line quoted scalar at `o`. */
  private quoted(ln: number, o: number): { value: string; end: number } {
    const t = this.text;
    const e = this.eol(ln);
    if (t.charCodeAt(o) === 39) {
      let value = '';
      let from = o + 1;
      for (let i = o + 1; i < e; i++) {
        if (t.charCodeAt(i) !== 39) continue;
        if (t.charCodeAt(i + 1) === 39) { value += t.slice(from, i + 1); i++; from = i + 1; continue; }
        return { value: value + t.slice(from, i), end: i + 1 };
      }
      bail();
    }
    const close = this.doubleEnd(o);
    if (close < 0 || close >= e) bail();
    return { value: decodeDouble(t.slice(o + 1, close)), end: close + 1 };
  }



  /**
   * A value that starts at offset `o` on line `ln` (after `key: `, after `- `, or alone on its line): a scalar,
   * a literal block scalar or an empty flow collection. `parent` is the indent of the collection holding it.
   */
  private inline(ln: number, o: number, path: Path, parent: number): Parsed {
    const t = this.text;
    const c = t.charCodeAt(o);
    const e = this.eol(ln);
    if (c === 34 || c === 39) {
      const close = c === 39 ? this.singleEnd(o) : this.doubleEnd(o);
      if (close < 0) bail();
      if (close >= e) return this.multiQuoted(ln, o, close, path, parent);
      const q = this.quoted(ln, o);
      this.lineRest(ln, q.end);
      return { node: { kind: 'scalar', tag: STR, value: q.value, q: true, src: this.src(o, q.end, path, ln) }, r1: q.end, r2: this.after(ln), rest: ln + 1, hasEnd: true };
    }
    if (c === 91 && t.charCodeAt(o + 1) !== 93) return this.flowSeq(ln, o, path);
    if (c === 91 || c === 123) {
      if (t.charCodeAt(o + 1) !== (c === 91 ? 93 : 125)) bail();
      this.lineRest(ln, o + 2);
      const src = this.src(o, o + 2, path, ln);
      const node: KNode = c === 91 ? { kind: 'seq', items: [], src } : { kind: 'map', entries: [], src };
      return { node, r1: o + 2, r2: this.after(ln), rest: ln + 1, hasEnd: true };
    }
    if (c === 124) return this.literal(ln, o, path, parent);
    if (badStart(c)) bail();
    if (c === DASH && (o + 1 >= e || t.charCodeAt(o + 1) === SP)) bail();
    // a plain scalar: this line up to a comment; `: ` would make it a key (not in a value)
    let end = this.plainEnd(ln, o);
    let value = t.slice(o, end);
    let last = ln;
    const hash = t.indexOf('#', end);
    const commented = hash >= 0 && hash < e;
    // continuation lines, more indented than the collection holding the scalar
    let blank = 0;
    for (let next = ln + 1; next < this.limit; next++) {
      if (this.trivia(next)) {
        if (this.isComment(next)) break;
        blank++;
        continue;
      }
      const ind = this.indent(next);
      if (ind <= parent) break;
      if (commented) bail();
      const s = this.ls[next] + ind;
      const ch = t.charCodeAt(s);
      if (badStart(ch) || ch === DASH) bail();
      const pe = this.plainEnd(next, s);
      if (pe < this.eol(next)) bail(); // a comment ends it: not in the subset
      value += (blank ? '\n'.repeat(blank) : ' ') + t.slice(s, pe);
      blank = 0;
      last = next;
      end = pe;
    }
    const node: KNode = { kind: 'scalar', tag: resolvePlain(value), value, src: this.src(o, end, path, ln) };
    return { node, r1: end, r2: this.after(last), rest: last + 1, hasEnd: true };
  }


  /** A quoted scalar over several lines (no escapes in a double-quoted one): its lines folded as `yaml` folds them. */
  private multiQuoted(ln: number, o: number, close: number, path: Path, parent: number): Parsed {
    const t = this.text;
    const single = t.charCodeAt(o) === 39;
    const raw = t.slice(o + 1, close);
    // an escaped line break or space: folded otherwise; not in the subset
    if (!single && /\\ *\n/.test(raw)) bail();
    const last = ln + raw.split('\n').length - 1;
    if (last >= this.limit) bail();
    for (let l = ln + 1; l <= last; l++) {
      const s = this.ls[l];
      const e = l === last ? close : this.eol(l);
      let k = s;
      while (k < e && t.charCodeAt(k) === SP) k++;
      if (k < e && k - s <= parent) bail();
      if (l === last && k - s <= parent) bail();
    }
    const lines = raw.split('\n');
    if (!lines[0].trim() || !lines[lines.length - 1].trim()) bail();
    let value = lines[0].replace(/ +$/, '');
    let blank = 0;
    for (let i = 1; i < lines.length; i++) {
      const isLast = i === lines.length - 1;
      const line = isLast ? lines[i].replace(/^ +/, '') : lines[i].replace(/^ +/, '').replace(/ +$/, '');
      if (!line && !isLast) { blank++; continue; }
      value += blank ? '\n'.repeat(blank) : ' ';
      value += line;
      blank = 0;
    }
    value = single ? value.replace(/''/g, "'") : decodeDouble(value);
    this.lineRest(last, close + 1);
    return { node: { kind: 'scalar', tag: STR, value, q: true, src: this.src(o, close + 1, path, ln) }, r1: close + 1, r2: this.after(last), rest: last + 1, hasEnd: true };
  }

  /** `[a, "b", 'c']` on one line: plain or quoted scalars only. */
  private flowSeq(ln: number, o: number, path: Path): Parsed {
    const t = this.text;
    const e = this.eol(ln);
    const items: KNode[] = [];
    let i = o + 1;
    for (;;) {
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (i >= e) bail();
      const c = t.charCodeAt(i);
      const ipath = [...path, items.length];
      if (c === 34 || c === 39) {
        const q = this.quoted(ln, i);
        items.push({ kind: 'scalar', tag: STR, value: q.value, q: true, src: this.src(i, q.end, ipath, ln) });
        i = q.end;
      } else {
        if (badStart(c) || c === DASH) bail();
        let j = i, end = i;
        for (; j < e; j++) {
          const ch = t.charCodeAt(j);
          if (ch === 44 || ch === 93) break;
          if (ch === COLON || ch === HASH || ch === 91 || ch === 123 || ch === 125) bail();
          if (ch !== SP) end = j + 1;
        }
        const value = t.slice(i, end);
        items.push({ kind: 'scalar', tag: resolvePlain(value), value, src: this.src(i, end, ipath, ln) });
        i = j;
      }
      while (i < e && t.charCodeAt(i) === SP) i++;
      const d = t.charCodeAt(i);
      if (d === 93) break;
      if (d !== 44) bail();
      i++;
    }
    this.lineRest(ln, i + 1);
    return { node: { kind: 'seq', items, src: this.src(o, i + 1, path, ln) }, r1: i + 1, r2: this.after(ln), rest: ln + 1, hasEnd: true };
  }


  /** `|` or `|-` (no indentation indicator, no keep chomping, no folding: those go the general way). */
  private literal(ln: number, o: number, path: Path, parent: number): Parsed {
    const t = this.text;
    const { strip, m, lastContent, r1 } = this.literalLines(ln, o, parent);
    let value = this.literalText(ln, m, lastContent, strip);
    // libyaml (and parseYaml): a block scalar that ends the input without a line break has no final newline
    if (!strip && r1 >= t.length && !t.endsWith('\n') && value.endsWith('\n')) value = value.slice(0, -1);
    return { node: { kind: 'scalar', tag: STR, value, q: true, src: this.src(o, r1, path, ln) }, r1, r2: r1, rest: lastContent + 1, hasEnd: false };
  }

  /** A node that starts a line (at its indentation `col`): a sequence, a map, or a scalar. */
  private block(ln: number, col: number, path: Path, parent: number): Parsed {
    if (this.isDash(ln, col)) return this.seq(ln, col, path, parent);
    if (this.keyAt(ln, this.ls[ln] + col)) return this.map(ln, col, path);
    return this.inline(ln, this.ls[ln] + col, path, parent);
  }

  /** Comments of the lines after a flow value that the `yaml` parser counts in its end (indented deeper than `ik`). */
  private attach(v: Parsed, ik: number): void {
    for (let ln = v.rest; ln < this.limit && this.trivia(ln); ln++) {
      if (!this.isComment(ln)) continue;
      if (this.indent(ln) <= ik) return;
      v.r2 = this.after(ln);
      v.rest = ln + 1;
    }
  }


  /** A value written on the lines after `key:` or `-` (or nothing: null at `at`). */
  private below(ln: number, at: number, col: number, path: Path, seqOk: boolean): Parsed {
    const next = this.nextContent(ln + 1);
    if (next >= 0) {
      const ind = this.indent(next);
      if (ind > col) return this.block(next, ind, path, col);
      if (seqOk && ind === col && this.isDash(next, col)) return this.seq(next, col, path, col);
    }
    // empty: comments after it would be in its props (and its range); not in the subset
    for (let l = ln + 1; l < (next < 0 ? this.limit : next); l++) if (this.isComment(l)) bail();
    return { node: { kind: 'scalar', tag: NULL, value: '', src: this.src(at, at, path, ln) }, r1: at, r2: at, rest: ln + 1, hasEnd: false };
  }



  private map(ln: number, col: number, path: Path): Parsed {
    this.enter();
    const t = this.text;
    const entries: KEntry[] = [];
    let index: Map<string, number> | undefined;
    const r0 = this.ls[ln] + col;
    let line = ln;
    let v: Parsed;
    let kcol = col;
    for (;;) {
      const s = this.ls[line];
      const k0 = s + kcol;
      const k = this.keyAt(line, k0);
      if (!k) bail();
      const vpath = [...path, k.key];
      const keySrc = this.src(k0, k.k1, vpath, line);
      const e = this.eol(line);
      let i = k.colon + 1;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (i === e || t.charCodeAt(i) === HASH) {
        const hasComment = i < e;
        v = this.below(line, i, col, vpath, true);
        if (hasComment && v.node.kind === 'scalar' && v.node.tag === NULL && v.r1 === i) bail();
      } else {
        v = this.inline(line, i, vpath, col);
      }
      const entry: KEntry = { key: k.key, value: v.node, keySrc };
      if (k.kq) entry.kq = true;
      // a later duplicate replaces the first in its place; big maps (a ConfigMap of many keys) look keys up by index
      if (!index && entries.length >= 32) index = new Map(entries.map((x, i) => [x.key, i]));
      const existing = index ? index.get(k.key) ?? -1 : entries.findIndex((x) => x.key === k.key);
      if (existing >= 0) entries[existing] = entry;
      else { index?.set(k.key, entries.length); entries.push(entry); }
      if (v.hasEnd) this.attach(v, col);
      const next = this.nextContent(v.rest);
      if (next < 0) break;
      const ind = this.indent(next);
      if (ind < col) break;
      if (ind > col || this.isDash(next, col)) bail();
      line = next;
      kcol = col;
    }
    this.depth--;
    const f = this.finish(col, v.rest, v.r2);
    return { node: { kind: 'map', entries, src: this.src(r0, v.r2, path, ln) }, r1: v.r2, r2: f.r2, rest: f.rest, hasEnd: false };
  }

  private seq(ln: number, col: number, path: Path, parent: number): Parsed {
    this.enter();
    const t = this.text;
    const items: KNode[] = [];
    const r0 = this.ls[ln] + col;
    let line = ln;
    let before = ln;
    let v: Parsed;
    for (;;) {
      const s = this.ls[line];
      const e = this.eol(line);
      const ipath = [...path, items.length];
      let i = s + col + 1;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (i === e || t.charCodeAt(i) === HASH) {
        v = this.below(line, i, col, ipath, false);
        // an empty item's range takes in the comments of its props, those before its `-` too
        if (v.node.kind === 'scalar' && v.node.tag === NULL && v.r1 === i && (i < e || this.commentBetween(before, line))) bail();
      } else if (t.charCodeAt(i) === DASH && (i + 1 === e || t.charCodeAt(i + 1) === SP)) {
        bail(); // `- - x`
      } else if (this.keyAt(line, i)) {
        v = this.map(line, i - s, ipath);
      } else {
        v = this.inline(line, i, ipath, col);
      }
      items.push(v.node);
      if (v.hasEnd) this.attach(v, col);
      const next = this.nextContent(v.rest);
      if (next < 0) break;
      const ind = this.indent(next);
      if (ind < col) break;
      if (ind === col && this.isDash(next, col)) { before = v.rest; line = next; continue; }
      if (ind === col && parent === col) break; // an indentless sequence ends at its map's next key
      bail();
    }
    this.depth--;
    const f = this.finish(col, v.rest, v.r2);
    return { node: { kind: 'seq', items, src: this.src(r0, v.r2, path, ln) }, r1: v.r2, r2: f.r2, rest: f.rest, hasEnd: false };
  }
}
