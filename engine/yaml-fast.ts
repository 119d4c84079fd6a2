/**
 * A fast reader for the block YAML that manifests are written in, straight from the text: block maps and
 * sequences, plain, quoted and literal scalars, one-line flow sequences and maps of scalars and of such flow
 * collections, comments, `---`. For a document in that subset it answers what a scan needs without the `yaml` package's lexer
 * and parser: that composing it reports no error, and its head (`apiVersion`, `kind`, `metadata.name`) as the CST
 * reads it. At the first thing outside the subset (anchors, tags, flow collections over several lines or with
 * comments, empty or explicit keys or `:` in a plain scalar, folded scalars, tabs, explicit keys, `%` directives, `...`, any indentation that is not plainly a map
 * or a sequence) it gives up (`undefined`), and the caller reads the text with the `yaml` package as before.
 *
 * The rules of the subset are those of render/kustomize/yaml-fast.ts (fuzzed against the `yaml` package; both read
 * lines through engine/yaml-lines.ts), applied per document; test/engine/yaml-fast.test.ts checks every accepted document against the `yaml` package's own
 * reading (no error, same head, same document offsets).
 */

/** One document of a stream, as the `yaml` package's parser splits it (offsets: its first token to the next's). */
export interface FastSegment {
  start: number;
  end: number;
  /** Its lines: [from, to) (after its `---`, up to the next marker). */
  from: number;
  to: number;
}

/** What parse.ts's readHead and readName read from a document's CST. */
export interface FastHead {
  apiVersion?: string;
  kind?: string;
  isObject: boolean;
  unknown: boolean;
  name?: string;
}

import { Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type Document, type Schema } from 'yaml';
import { BAIL, BlockLines, COLON, DASH, HASH, SP, badStart, bail, decodeDouble, hexCodePoint, hexDigits } from './yaml-lines';


/** The schema's key of its string tag (the `yaml` package's identity.SCALAR). */
const SCALAR_SYM = Symbol.for('yaml.scalar');
const SCALAR_KEY = () => SCALAR_SYM;

function sameTags(a: ReadonlyArray<unknown>, b: ReadonlyArray<unknown>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}


/** What a value is, as far as the head is concerned. */
const enum V { Plain, Single, Double, Block, Flow, Map, Seq, Null }

/**
 * r0..r2: the node's range as the `yaml` package gives it; `node`: what a build makes of it (see Mode); `js`: in
 * Mode.Nodes, a collection's plain value (Document.toJS's: a scalar's is its node's value).
 */
interface Parsed { r0: number; r1: number; r2: number; rest: number; hasEnd: boolean; type: V; node: unknown; js: unknown }

/** What the reader makes: nothing (a check), plain JS values (Document.toJS's), or the `yaml` package's nodes. */
const enum Mode { Check, Value, Nodes }

/** How a plain scalar resolves (the schema's tags by test), for values and nodes. */
export interface Resolver { schema: Schema; options: Record<string, unknown> }

type ScalarTag = { default?: unknown; test?: RegExp; resolve: (s: string, onError: (m: string) => void, o: unknown) => unknown; format?: string; tag: string };


/**
 * The escapes of a double-quoted scalar t[from, to) the subset takes (any other is left to the `yaml` package).
 * `nextBackslash(i)`: the first backslash at or after i (or -1).
 */
function checkDouble(t: string, from: number, to: number, nextBackslash: (i: number) => number): void {
  let i = nextBackslash(from);
  while (i !== -1 && i < to) {
    const x = t[i + 1];
    switch (x) {
      case '\\': case '"': case '/': case ' ': case 'n': case 't': case '0': break;
      case 'x': case 'u': case 'U': {
        const len = hexDigits(x);
        hexCodePoint(t, i + 2, len);
        i += len;
        break;
      }
      default: bail();
    }
    i = nextBackslash(i + 2);
  }
}

/** A flow scalar's CST source as parse.ts's unquote reads it. */
export function unquoteSource(source: string): string {
  const c = source.charCodeAt(0);
  if (c === 39) return source.slice(1, -1).replace(/''/g, "'");
  if (c === 34) {
    try { return JSON.parse(source) as string; } catch { return source.slice(1, -1); }
  }
  return source.trim();
}

/** Mode.Nodes: the plain value of what was read (a collection's built alongside, a scalar's its node's). */
function jsOf(v: Parsed): unknown {
  return v.type === V.Map || v.type === V.Seq || v.type === V.Flow ? v.js : (v.node as Scalar).value;
}

export class FastReader extends BlockLines {
  /** The role of the next map read: 1 the document's root, 2 its first `metadata` (for the head); 0 any other. */
  private role = 0;
  private head: FastHead = { isObject: false, unknown: false };
  private metadataSeen = false;
  private nameSeen = false;
  private mode = Mode.Check;
  /** Where the last empty value read is (a document ending in one ends there: its line breaks are the value's). */
  private lastNull = -1;
  private resolver: Resolver | undefined;
  /**
   * Mode.Nodes: false once the document's plain value cannot be built alongside its nodes as toJS would give it
   * (a duplicate or `__proto__` key): it is then left to toJS.
   */
  private valueOk = true;
  /** The first backslash at or after offset `bsFrom` (-1: none); see nextBackslash. */
  private bs = -1;
  private bsFrom = Infinity;
  /**
   * The first backslash at or after `i`, or -1 (kept: a search from each double-quoted scalar would otherwise run
   * on to the next backslash of the text, however far).
   */
  private readonly nextBackslash = (i: number): number => {
    if (i < this.bsFrom || (this.bs !== -1 && this.bs < i)) {
      this.bsFrom = i;
      this.bs = this.text.indexOf('\\', i);
    }
    return this.bs;
  };
  /** Where the key keyAt found last ends. */
  private keyEnd = 0;
  /** The first tab at or after offset `tabFrom` (-1: none); see begin. */
  private tab = -1;
  private tabFrom = Infinity;
  /** The tag each plain text resolved by (per resolver's schema: the tags are the same objects for every document). */
  private readonly tagOf = new Map<string, ScalarTag>();

  /** The documents of the text as the `yaml` package's parser splits them, or undefined (outside the subset). */
  segments(): FastSegment[] | undefined {
    const t = this.text;
    if (t.includes('\r') || t.charCodeAt(0) === 0xfeff) return undefined;
    const markers: number[] = [];
    for (let ln = 0; ln < this.n; ln++) {
      const s = this.ls[ln];
      const c = t.charCodeAt(s);
      if (c === 37) return undefined; // %
      if ((c === DASH || c === 46) && t.startsWith(c === DASH ? '---' : '...', s)) {
        const e = this.eol(ln);
        if (s + 3 < e && t.charCodeAt(s + 3) !== SP) return undefined; // "---x" (content) or a tab after the marker
        if (c === 46) return undefined;
        // only a comment may follow the marker
        let i = s + 3;
        while (i < e && t.charCodeAt(i) === SP) i++;
        if (i < e && t.charCodeAt(i) !== HASH) return undefined;
        markers.push(ln);
      }
    }
    const out: FastSegment[] = [];
    const firstEnd = markers.length ? markers[0] : this.n;
    this.limit = firstEnd;
    const first = this.nextContent(0);
    // a tab before the first content: whitespace to the `yaml` package, not a line with content
    if (first >= 0 && t.lastIndexOf('\t', this.eol(first)) !== -1) return undefined;
    const offset = (ln: number) => (ln < this.n ? this.ls[ln] : t.length);
    if (first >= 0) out.push({ start: this.ls[first], end: offset(firstEnd), from: 0, to: firstEnd });
    markers.forEach((m, i) => {
      const to = i + 1 < markers.length ? markers[i + 1] : this.n;
      out.push({ start: this.ls[m], end: offset(to), from: m + 1, to });
    });
    return out;
  }

  /**
   * The head of a document (see FastHead) when it is in the subset, which also means that composing it reports no
   * error; undefined otherwise.
   */
  readHead(seg: FastSegment): FastHead | undefined {
    if (!this.begin(seg, Mode.Check)) return undefined;
    this.head = { isObject: false, unknown: false };
    this.metadataSeen = false;
    this.nameSeen = false;
    try {
      const ln = this.nextContent(seg.from);
      if (ln < 0) {
        // an empty document (after `---`): no value
        if (seg.from === 0) bail();
        return this.head;
      }
      const col = this.indent(ln);
      let r: Parsed;
      if (this.isDash(ln, col)) r = this.seq(ln, col, -1);
      else if (this.keyAt(ln, this.ls[ln] + col) >= 0) {
        this.role = 1;
        this.head.isObject = true;
        r = this.map(ln, col);
      } else bail(); // a scalar document
      if (this.nextContent(r.rest) >= 0) bail();
      const head = this.head;
      if (head.kind === undefined) head.isObject = false;
      return head;
    } catch (e) {
      if (e === BAIL) return undefined;
      throw e;
    }
  }

  /**
   * The document's plain JS value as Document.toJS gives it (a document readHead accepts, with no duplicate or
   * `__proto__` key); undefined when it is outside the subset, has either, or is empty.
   */
  readValue(seg: FastSegment, resolver: Resolver): { value: unknown } | undefined {
    const r = this.build(seg, Mode.Value, resolver);
    return r && { value: r.node };
  }

  /**
   * Fills `doc` (a new Document of the resolver's schema) with the nodes the `yaml` package composes for the
   * document: the same classes, ranges, types, values, sources and tags (comments are not kept). False when the
   * document is outside the subset or empty (`doc` is then to be dropped).
   */
  readNodes(seg: FastSegment, doc: Document.Parsed): boolean {
    return this.readNodesAndValue(seg, doc) !== false;
  }

  /**
   * readNodes, and the document's plain value as doc.toJS() gives it, built alongside (undefined when the document
   * has a duplicate or `__proto__` key: toJS's then). False when readNodes is.
   */
  readNodesAndValue(seg: FastSegment, doc: Document.Parsed): { value: unknown } | undefined | false {
    const r = this.build(seg, Mode.Nodes, { schema: doc.schema, options: doc.options as unknown as Record<string, unknown> });
    if (!r) return false;
    doc.contents = r.node as never;
    if (seg.from > 0) doc.directives.docStart = true;
    doc.range = [seg.start, r.r2, this.lastNull === r.r2 ? r.r2 : seg.end];
    return this.valueOk ? { value: r.js } : undefined;
  }

  /** Starts reading document `seg` in `mode`; false when it holds a tab (outside the subset). */
  private begin(seg: FastSegment, mode: Mode): boolean {
    // the first tab from `tabFrom` on, kept: documents are read in order, and a search from each one's start to the
    // text's end would be quadratic in a bundle of many documents
    if (seg.start < this.tabFrom || (this.tab !== -1 && this.tab < seg.start)) {
      this.tabFrom = seg.start;
      this.tab = this.text.indexOf('\t', seg.start);
    }
    if (this.tab !== -1 && this.tab < seg.end) return false;
    this.limit = seg.to;
    this.limitOffset = seg.end;
    this.depth = 0;
    this.role = 0;
    this.mode = mode;
    return true;
  }

  private build(seg: FastSegment, mode: Mode, resolver: Resolver): Parsed | undefined {
    if (!this.begin(seg, mode)) return undefined;
    this.lastNull = -1;
    this.valueOk = true;
    if (this.resolver?.schema.tags !== resolver.schema.tags && this.resolver && !sameTags(this.resolver.schema.tags, resolver.schema.tags)) this.tagOf.clear();
    this.resolver = resolver;
    try {
      const ln = this.nextContent(seg.from);
      if (ln < 0) return undefined;
      const col = this.indent(ln);
      let r: Parsed;
      if (this.isDash(ln, col)) r = this.seq(ln, col, -1);
      else if (this.keyAt(ln, this.ls[ln] + col) >= 0) r = this.map(ln, col);
      else bail();
      if (this.nextContent(r.rest) >= 0) bail();
      return r;
    } catch (e) {
      if (e === BAIL) return undefined;
      throw e;
    } finally {
      this.mode = Mode.Check;
    }
  }

  /** A plain scalar's value (or node): its text resolved by the first default tag whose test matches it. */
  private plainNode(value: string, r0: number, r1: number, r2: number, atKey: boolean): unknown {
    const res = this.resolver!;
    let tag: ScalarTag | undefined;
    if (atKey) tag = (res.schema as unknown as Record<symbol, ScalarTag>)[SCALAR_KEY()];
    else {
      tag = this.tagOf.get(value);
      if (!tag) {
        tag = (res.schema.tags as unknown as ScalarTag[]).find((x) => x.default === true && x.test?.test(value)) ?? (res.schema as unknown as Record<symbol, ScalarTag>)[SCALAR_KEY()];
        if (this.tagOf.size > 5000) this.tagOf.clear();
        this.tagOf.set(value, tag);
      }
    }
    let failed = false;
    const v = tag.resolve(value, () => { failed = true; }, res.options);
    if (failed) bail();
    if (this.mode === Mode.Value) return isScalar(v) ? v.value : v;
    const node = isScalar(v) ? v : new Scalar(v);
    node.range = [r0, r1, r2];
    node.source = value;
    node.type = 'PLAIN';
    if (tag.format) node.format = tag.format;
    return node;
  }

  /** A quoted or block scalar (always a string). */
  private strNode(value: string, type: Scalar.Type, r0: number, r1: number, r2: number): unknown {
    if (this.mode === Mode.Value) return value;
    const node = new Scalar(value);
    node.range = [r0, r1, r2];
    node.source = value;
    node.type = type;
    return node;
  }

  /** The value of a single-line quoted scalar's source (with its quotes). */
  private quotedValue(o: number, end: number): string {
    const t = this.text;
    if (t.charCodeAt(o) === 39) {
      const raw = t.slice(o + 1, end - 1);
      return raw.includes("'") ? raw.replace(/''/g, "'") : raw;
    }
    return decodeDouble(t.slice(o + 1, end - 1));
  }

  /** `[]` or `{}`. */
  private emptyFlow(seq: boolean, r0: number, r1: number, r2: number): unknown {
    if (this.mode === Mode.Value) return seq ? [] : {};
    const node = seq ? new YAMLSeq(this.resolver!.schema) : new YAMLMap(this.resolver!.schema);
    node.flow = true;
    node.range = [r0, r1, r2];
    return node;
  }



  /**
   * A map key at offset `o` (plain or quoted, then `:` and a space or the line end): the offset of its `:` (its end:
   * `keyEnd`), or -1 when there is none.
   */
  private keyAt(ln: number, o: number): number {
    const t = this.text;
    const e = this.eol(ln);
    const c = t.charCodeAt(o);
    if (c === 34 || c === 39) {
      // a quoted scalar that closes on a later line is no implicit key (a value over several lines)
      const close = c === 39 ? this.singleEnd(o) : this.doubleEnd(o);
      if (close < 0 || close >= e) return -1;
      const end = this.quotedEnd(ln, o);
      let i = end;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (t.charCodeAt(i) !== COLON) return -1;
      if (i + 1 < e && t.charCodeAt(i + 1) !== SP) return -1;
      this.keyEnd = end;
      return i;
    }
    if (badStart(c) || (c === DASH && (o + 1 >= e || t.charCodeAt(o + 1) === SP))) return -1;
    for (let i = o; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SP) return -1;
      if (ch === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SP)) {
        let k1 = i;
        while (k1 > o && t.charCodeAt(k1 - 1) === SP) k1--;
        if (k1 === o || i - o > 1000) bail();
        if (k1 - o === 2 && t.charCodeAt(o) === 60 && t.charCodeAt(o + 1) === 60) bail(); // `<<`
        this.keyEnd = k1;
        return i;
      }
    }
    return -1;
  }

  /** The end of a single-line quoted scalar at `o`. */
  private quotedEnd(ln: number, o: number): number {
    const t = this.text;
    const e = this.eol(ln);
    if (t.charCodeAt(o) === 39) {
      for (let i = o + 1; i < e; i++) {
        if (t.charCodeAt(i) !== 39) continue;
        if (t.charCodeAt(i + 1) === 39) { i++; continue; }
        return i + 1;
      }
      bail();
    }
    const close = this.doubleEnd(o);
    if (close < 0 || close >= e) bail();
    checkDouble(t, o + 1, close, this.nextBackslash);
    return close + 1;
  }




  /**
   * A value that starts at offset `o` on line `ln` (after `key: `, after `- `, or alone on its line): a scalar,
   * a literal block scalar or a flow collection. `parent` is the indent of the collection holding it.
   */
  private inline(ln: number, o: number, parent: number): Parsed {
    const t = this.text;
    const c = t.charCodeAt(o);
    const e = this.eol(ln);
    if (c === 34 || c === 39) {
      const close = c === 39 ? this.singleEnd(o) : this.doubleEnd(o);
      if (close < 0) bail();
      if (close >= e) return this.multiQuoted(ln, o, close, parent);
      const end = this.quotedEnd(ln, o);
      this.lineRest(ln, end);
      const r2 = this.after(ln);
      const node = this.mode ? this.strNode(this.quotedValue(o, end), c === 39 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', o, end, r2) : undefined;
      return { r0: o, r1: end, r2, rest: ln + 1, hasEnd: true, type: c === 39 ? V.Single : V.Double, node, js: undefined };
    }
    if ((c === 91 || c === 123) && t.charCodeAt(o + 1) !== (c === 91 ? 93 : 125)) return this.flowValue(ln, o);
    if (c === 91 || c === 123) {
      this.lineRest(ln, o + 2);
      const r2 = this.after(ln);
      const seq = c === 91;
      return { r0: o, r1: o + 2, r2, rest: ln + 1, hasEnd: true, type: V.Flow, node: this.mode ? this.emptyFlow(seq, o, o + 2, r2) : undefined, js: this.mode === Mode.Nodes ? (seq ? [] : {}) : undefined };
    }
    if (c === 124 || c === 62) return this.literal(ln, o, parent, c === 62);
    if (badStart(c)) bail();
    if (c === DASH && (o + 1 >= e || t.charCodeAt(o + 1) === SP)) bail();
    // a plain scalar: this line up to a comment; `: ` would make it a key (not in a value)
    let end = this.plainEnd(ln, o);
    let value = this.mode ? t.slice(o, end) : '';
    let blank = 0;
    let last = ln;
    let commented = false;
    for (let i = end; i < e; i++) if (t.charCodeAt(i) === HASH) { commented = true; break; }
    // continuation lines, more indented than the collection holding the scalar
    for (let next = ln + 1; next < this.limit; next++) {
      if (this.trivia(next)) {
        if (this.isComment(next)) break;
        blank++;
        continue;
      }
      const ind = this.indent(next);
      if (ind <= parent) break;
      if (commented) bail();
      // any character but a comment's may start a continuation line in block context
      const s = this.ls[next] + ind;
      const pe = this.plainEnd(next, s);
      if (pe < this.eol(next)) bail(); // a comment ends it: not in the subset
      if (this.mode) value += (blank ? '\n'.repeat(blank) : ' ') + t.slice(s, pe);
      blank = 0;
      last = next;
      end = pe;
    }
    const r2 = this.after(last);
    return { r0: o, r1: end, r2, rest: last + 1, hasEnd: true, type: V.Plain, node: this.mode ? this.plainNode(value, o, end, r2, false) : undefined, js: undefined };
  }

  /** A quoted scalar over several lines (no escaped line break in a double-quoted one). */
  private multiQuoted(ln: number, o: number, close: number, parent: number): Parsed {
    const t = this.text;
    const single = t.charCodeAt(o) === 39;
    const raw = t.slice(o + 1, close);
    if (!single) {
      if (/\\ *\n/.test(raw)) bail();
      checkDouble(t, o + 1, close, this.nextBackslash);
    }
    const lines = raw.split('\n');
    const last = ln + lines.length - 1;
    if (last >= this.limit) bail();
    for (let l = ln + 1; l <= last; l++) {
      const s = this.ls[l];
      const e = l === last ? close : this.eol(l);
      let k = s;
      while (k < e && t.charCodeAt(k) === SP) k++;
      if (k < e && k - s <= parent) bail();
      if (l === last && k - s <= parent) bail();
    }
    if (!lines[0].trim() || !lines[lines.length - 1].trim()) bail();
    this.lineRest(last, close + 1);
    const r2 = this.after(last);
    let node: unknown;
    if (this.mode) {
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
      node = this.strNode(value, single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', o, close + 1, r2);
    }
    return { r0: o, r1: close + 1, r2, rest: last + 1, hasEnd: true, type: single ? V.Single : V.Double, node, js: undefined };
  }

  /**
   * A flow collection on one line, `[a, "b", {c: d}]` or `{a: b, "c": [d]}`, at `o` (not empty): its items plain or
   * quoted scalars, or such collections; a map's keys plain or quoted scalars, each with a value. Anything else
   * (comments, properties, aliases, a `-` alone, explicit or empty keys and values, trailing commas, `:` or a flow
   * indicator in a plain scalar) is left to the `yaml` package.
   */
  private flowValue(ln: number, o: number): Parsed {
    const node = this.flowColl(ln, o, this.eol(ln));
    const end = this.flowEnd;
    const js = this.mode === Mode.Nodes ? this.flowJs : undefined;
    this.lineRest(ln, end);
    const r2 = this.after(ln);
    if (this.mode === Mode.Nodes) (node as { range: number[] }).range[2] = r2;
    return { r0: o, r1: end, r2, rest: ln + 1, hasEnd: true, type: V.Flow, node, js };
  }

  /**
   * The flow collection at `o` (`[` or `{`), ended before `e` (the line's end): its node (Mode.Value: its value;
   * Mode.Check: undefined), with the range [o, its end, its end] (the caller sets the last). Sets flowEnd to its end
   * and, in Mode.Nodes, flowJs to its plain value.
   */
  private flowColl(ln: number, o: number, e: number): unknown {
    this.enter();
    const t = this.text;
    const isMap = t.charCodeAt(o) === 123;
    const close = isMap ? 125 : 93;
    const nodes = this.mode === Mode.Nodes;
    let i = o + 1;
    const items: unknown[] | undefined = this.mode ? [] : undefined;
    const js: unknown[] | undefined = nodes && !isMap ? [] : undefined;
    const obj: Record<string, unknown> | undefined = this.mode && isMap ? {} : undefined;
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        while (i < e && t.charCodeAt(i) === SP) i++;
        if (i >= e) bail();
        if (!isMap) {
          const item = this.flowNode(ln, i, e, close);
          items?.push(item);
          js?.push(this.flowJs);
        } else {
          // a key: quoted (`:` may follow it at once, as in JSON), or plain (`: ` ends it)
          const k0 = i;
          const kc = t.charCodeAt(i);
          const quoted = kc === 34 || kc === 39;
          let k1: number;
          if (quoted) {
            i = k1 = this.quotedEnd(ln, i);
            while (i < e && t.charCodeAt(i) === SP) i++;
            if (t.charCodeAt(i) !== COLON) bail();
          } else {
            if (badStart(kc) || (kc === DASH && !this.flowDash(i, e))) bail();
            k1 = i;
            for (;; i++) {
              if (i >= e) bail();
              const ch = t.charCodeAt(i);
              if (ch === COLON) break;
              if (ch === 44 || ch === HASH || ch === 91 || ch === 93 || ch === 123 || ch === 125) bail();
              if (ch !== SP) k1 = i + 1;
            }
            if (t.charCodeAt(i + 1) !== SP) bail(); // `{a:b}` is one plain scalar, `{a:}` an empty value
            if (k1 - k0 > 1000) bail();
            if (k1 - k0 === 2 && kc === 60 && t.charCodeAt(k0 + 1) === 60) bail(); // `<<`
          }
          i++;
          while (i < e && t.charCodeAt(i) === SP) i++;
          if (i >= e) bail();
          const v = this.flowNode(ln, i, e, close);
          if (this.mode) {
            const key = quoted ? this.quotedValue(k0, k1) : t.slice(k0, k1);
            if (!nodes) {
              // as in a block map: toJS keeps the last of duplicate keys; the lookups that read values reject them
              if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) bail();
              obj![key] = v;
            } else {
              const kn = quoted ? this.strNode(key, kc === 39 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', k0, k1, k1) : this.plainNode(key, k0, k1, k1, true);
              items!.push(new Pair(kn, v));
              if (this.valueOk) {
                if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) this.valueOk = false;
                else obj![key] = this.flowJs;
              }
            }
          }
        }
        i = this.flowEnd;
        const d = t.charCodeAt(i);
        if (d === close) break;
        if (d !== 44) bail();
        i++;
      }
    }
    this.depth--;
    const end = i + 1;
    this.flowEnd = end;
    if (!this.mode) return undefined;
    if (!nodes) return isMap ? obj : items;
    this.flowJs = isMap ? obj : js;
    const coll = isMap ? new YAMLMap(this.resolver!.schema) : new YAMLSeq(this.resolver!.schema);
    coll.flow = true;
    coll.items = items as never;
    coll.range = [o, end, end];
    return coll;
  }

  /**
   * Whether the `-` at `i` in a flow collection starts a plain scalar (`-c`, `-1`, `--x`): it does when a character
   * that may go on a plain scalar follows it; a `-` alone, or before a space, `:`, `#` or a flow indicator, is left
   * to the `yaml` package (a block sequence in a flow collection, an error).
   */
  private flowDash(i: number, e: number): boolean {
    if (i + 1 >= e) return false;
    const n = this.text.charCodeAt(i + 1);
    return !(n === SP || n === COLON || n === HASH || n === 44 || n === 91 || n === 93 || n === 123 || n === 125);
  }

  /** Where the last flow node read ends, after the spaces that follow it (see flowNode). */
  private flowEnd = 0;
  /** Mode.Nodes: the plain value of the last flow node or collection read. */
  private flowJs: unknown;

  /**
   * A node in a one-line flow collection at `i` (before `e`): a plain or quoted scalar (a plain one ends at `,` or
   * `close`), or a flow collection. Its range ends after the spaces that follow it; flowEnd is set there.
   */
  private flowNode(ln: number, i: number, e: number, close: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 91 || c === 123) {
      const coll = this.flowColl(ln, i, e);
      let j = this.flowEnd;
      while (j < e && t.charCodeAt(j) === SP) j++;
      this.flowEnd = j;
      if (this.mode === Mode.Nodes) (coll as { range: number[] }).range[2] = j;
      return coll;
    }
    const i0 = i;
    let i1: number;
    const quoted = c === 34 || c === 39;
    if (quoted) {
      i = i1 = this.quotedEnd(ln, i);
    } else {
      // YAML allows `:` and `#` inside a flow plain scalar in some places: not in the subset
      if (badStart(c) || (c === DASH && !this.flowDash(i, e))) bail();
      i1 = i;
      for (; i < e; i++) {
        const ch = t.charCodeAt(i);
        if (ch === 44 || ch === close) break;
        if (ch === COLON || ch === HASH || ch === 91 || ch === 93 || ch === 123 || ch === 125) bail();
        if (ch !== SP) i1 = i + 1;
      }
    }
    while (i < e && t.charCodeAt(i) === SP) i++;
    this.flowEnd = i;
    if (!this.mode) return undefined;
    const node = quoted ? this.strNode(this.quotedValue(i0, i1), c === 39 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', i0, i1, i) : this.plainNode(t.slice(i0, i1), i0, i1, i, false);
    if (this.mode === Mode.Nodes) this.flowJs = (node as Scalar).value;
    return node;
  }

  /**
   * `|` or `|-`; and in a check (Mode.Check), `|+`, `>`, `>-` and `>+` too: folding and chomping change the value
   * but neither where the scalar ends nor whether it composes cleanly. An indentation indicator goes the general way,
   * and so does a folded or kept scalar whose value or node is built.
   */
  private literal(ln: number, o: number, parent: number, folded: boolean): Parsed {
    const check = this.mode === Mode.Check;
    if (folded && !check) bail();
    const { strip, m, lastContent, r1 } = this.literalLines(ln, o, parent, check);
    let node: unknown;
    if (this.mode) {
      node = this.strNode(this.literalText(ln, m, lastContent, strip), 'BLOCK_LITERAL', o, r1, r1);
    }
    return { r0: o, r1, r2: r1, rest: lastContent + 1, hasEnd: false, type: V.Block, node, js: undefined };
  }

  /** A node that starts a line (at its indentation `col`): a sequence, a map, or a scalar. */
  private block(ln: number, col: number, parent: number): Parsed {
    if (this.isDash(ln, col)) return this.seq(ln, col, parent);
    if (this.keyAt(ln, this.ls[ln] + col) >= 0) return this.map(ln, col);
    return this.inline(ln, this.ls[ln] + col, parent);
  }

  /** Comments of the lines after a flow value that the `yaml` parser counts in its end (indented deeper than `ik`). */
  private attach(v: Parsed, ik: number): void {
    for (let ln = v.rest; ln < this.limit && this.trivia(ln); ln++) {
      if (!this.isComment(ln)) continue;
      if (this.indent(ln) <= ik) return;
      v.r2 = this.after(ln);
      v.rest = ln + 1;
      if (this.mode === Mode.Nodes) (v.node as { range: number[] }).range[2] = v.r2;
    }
  }


  /** A value written on the lines after `key:` or `-` (or nothing: null at `at`). */
  private below(ln: number, at: number, col: number, seqOk: boolean): Parsed {
    const next = this.nextContent(ln + 1);
    if (next >= 0) {
      const ind = this.indent(next);
      if (ind > col) return this.block(next, ind, col);
      if (seqOk && ind === col && this.isDash(next, col)) return this.seq(next, col, col);
    }
    // empty: comments after it would be in its props (and its range); not in the subset
    for (let l = ln + 1; l < (next < 0 ? this.limit : next); l++) if (this.isComment(l)) bail();
    this.lastNull = at;
    return { r0: at, r1: at, r2: at, rest: ln + 1, hasEnd: false, type: V.Null, node: this.mode ? this.plainNode('', at, at, at, false) : undefined, js: undefined };
  }



  /** Reads the head's fields off the root map's entries (as readHead and readName read them from the CST). */
  private noteEntry(role: number, k0: number, k1: number, v: Parsed): void {
    const key = unquoteSource(this.text.slice(k0, k1));
    const flow = v.type === V.Plain || v.type === V.Single || v.type === V.Double;
    if (role === 1) {
      if (key !== 'kind' && key !== 'apiVersion') return;
      // an empty value has no token: readHead counts it as unknown too
      if (!flow) { this.head.unknown = true; return; }
      const s = unquoteSource(this.text.slice(v.r0, v.r1));
      if (key === 'kind') this.head.kind = s;
      else this.head.apiVersion = s;
    } else if (role === 2 && !this.nameSeen && key === 'name') {
      this.nameSeen = true;
      if (flow) this.head.name = unquoteSource(this.text.slice(v.r0, v.r1));
    }
  }

  private map(ln: number, col: number): Parsed {
    this.enter();
    const role = this.role;
    this.role = 0;
    const t = this.text;
    const r0 = this.ls[ln] + col;
    // Mode.Nodes builds the value too (see valueOk)
    const obj: Record<string, unknown> | undefined = this.mode ? {} : undefined;
    const ymap = this.mode === Mode.Nodes ? new YAMLMap(this.resolver!.schema) : undefined;
    let line = ln;
    let v: Parsed;
    for (;;) {
      const k0 = this.ls[line] + col;
      const colon = this.keyAt(line, k0);
      if (colon < 0) bail();
      const k1 = this.keyEnd;
      // the first `metadata` of the root map: readName reads its first `name`
      if (role === 1 && !this.metadataSeen && k1 - k0 >= 8 && unquoteSource(t.slice(k0, k1)) === 'metadata') {
        this.metadataSeen = true;
        this.role = 2;
      }
      const e = this.eol(line);
      let i = colon + 1;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (i === e || t.charCodeAt(i) === HASH) {
        const hasComment = i < e;
        v = this.below(line, i, col, true);
        if (hasComment && v.type === V.Null && v.r1 === i) bail();
      } else {
        v = this.inline(line, i, col);
      }
      this.role = 0;
      if (role) this.noteEntry(role, k0, k1, v);
      if (v.hasEnd) this.attach(v, col);
      if (this.mode) {
        const kc = t.charCodeAt(k0);
        const quoted = kc === 34 || kc === 39;
        const key = quoted ? this.quotedValue(k0, k1) : t.slice(k0, k1);
        if (!ymap) {
          // toJS keeps the last of duplicate keys; the lookups that read values reject duplicates: left to them
          if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) bail();
          obj![key] = v.node;
        } else {
          const kn = quoted ? this.strNode(key, kc === 39 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', k0, k1, k1) : this.plainNode(key, k0, k1, k1, true);
          ymap.items.push(new Pair(kn, v.node) as never);
          if (this.valueOk) {
            if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) this.valueOk = false;
            else obj![key] = jsOf(v);
          }
        }
      }
      const next = this.nextContent(v.rest);
      if (next < 0) break;
      const ind = this.indent(next);
      if (ind < col) break;
      if (ind > col || this.isDash(next, col)) bail();
      line = next;
    }
    this.depth--;
    const f = this.finish(col, v.rest, v.r2);
    if (ymap) ymap.range = [r0, v.r2, f.r2];
    return { r0, r1: v.r2, r2: f.r2, rest: f.rest, hasEnd: false, type: V.Map, node: ymap ?? obj, js: ymap ? obj : undefined };
  }

  private seq(ln: number, col: number, parent: number): Parsed {
    this.enter();
    this.role = 0;
    const t = this.text;
    const r0 = this.ls[ln] + col;
    const items: unknown[] | undefined = this.mode ? [] : undefined;
    const js: unknown[] | undefined = this.mode === Mode.Nodes ? [] : undefined;
    let line = ln;
    let before = ln;
    let v: Parsed;
    for (;;) {
      const s = this.ls[line];
      const e = this.eol(line);
      let i = s + col + 1;
      while (i < e && t.charCodeAt(i) === SP) i++;
      if (i === e || t.charCodeAt(i) === HASH) {
        v = this.below(line, i, col, false);
        // an empty item's range takes in the comments of its props, those before its `-` too
        if (v.type === V.Null && v.r1 === i && (i < e || this.commentBetween(before, line))) bail();
      } else if (t.charCodeAt(i) === DASH && (i + 1 === e || t.charCodeAt(i + 1) === SP)) {
        bail(); // `- - x`
      } else if (this.keyAt(line, i) >= 0) {
        v = this.map(line, i - s);
      } else {
        v = this.inline(line, i, col);
      }
      if (v.hasEnd) this.attach(v, col);
      items?.push(v.node);
      js?.push(jsOf(v));
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
    let node: unknown = items;
    if (items && this.mode === Mode.Nodes) {
      const seq = new YAMLSeq(this.resolver!.schema);
      seq.items = items;
      seq.range = [r0, v.r2, f.r2];
      node = seq;
    }
    return { r0, r1: v.r2, r2: f.r2, rest: f.rest, hasEnd: false, type: V.Seq, node, js };
  }
}
