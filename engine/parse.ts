import { Composer, Document as YAMLDocument, Parser, isMap, isScalar, isSeq, isPair, visit, type Document, type CST, type Scalar, type YAMLMap } from 'yaml';
import { checkText } from './guards';
import { composesCleanly } from './syntax-clean';
import { rangeForPath } from './paths';
import { breakCycles } from './walk';
import { LineIndex } from './text';
import { FastReader, type FastHead, type FastSegment, type Resolver } from './yaml-fast';
import type { ParseErrorInfo, Path } from './types';

/**
 * Kubernetes reads manifests with YAML 1.1 scalars (yes/on/y are booleans, 0644 is octal) but, like
 * its Go resolver, without base-60 numbers or timestamps. Keys stay strings as written.
 */
export const YAML_OPTIONS = {
  version: '1.1' as const,
  customTags: (tags: unknown[]) => [
    ...tags.filter((t) => {
      const tag = t as { format?: string; tag?: string };
      return tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp';
    }),
    'intOct',
  ] as never,
  stringKeys: true,
  // the yaml package checks unique keys by scanning the map for each key (quadratic: 40,000 keys took a minute);
  // duplicates are found once per document in linear time instead (findDuplicates)
  uniqueKeys: false,
  maxAliasCount: 100,
  prettyErrors: false,
  keepSourceTokens: false,
};

export interface Comment { offset: number; end: number; text: string }

export interface DuplicateKey { path: Path; count: number }

export interface ParsedDoc {
  index: number;
  /** Offsets of the document in the file (from its first token to the start of the next). */
  start: number;
  end: number;
  apiVersion?: string;
  kind?: string;
  /** The composed document; absent when no enabled rule applies to its kind. */
  doc?: Document.Parsed;
  /** Plain JS value of the document (aliases and merge keys resolved); absent when not composed. */
  value?: unknown;
  /**
   * Set for a document that no rule judges but cross-object rules may look up (a kind in `lazy`): it is not
   * composed here; its object is composed from `lazy.text` on first use (see lint.objectsOf).
   */
  lazy?: { text: string; name?: string; namespace?: string | null };
  errors: ParseErrorInfo[];
  duplicates: DuplicateKey[];
  /** The document's comments, when the file has a suppression directive (`kubehex-disable…`) at all. */
  comments: Comment[];
  /** Kubernetes objects of this document, computed once (see lint.objectsOf). */
  objects?: import('./context').K8sObject[];
  /**
   * What a parse with ParseOptions.narrow would have done with this document, when not composing it:
   * `lazy` left it lazy; `errors` composed it for its YAML errors only (no object); `skip` ignored it.
   */
  narrow?: 'lazy' | 'errors' | 'skip';
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  docs: ParsedDoc[];
  /** Problems that stop the whole file (binary, nesting bomb). */
  fatal?: ParseErrorInfo;
}

export interface ParseOptions {
  /** Compose only documents of these kinds (the kinds the enabled rules read); undefined = all. */
  kinds?: ReadonlySet<string>;
  /** Documents whose kind cannot be read cheaply are always composed. */
  maxErrorsPerFile?: number;
  /**
   * Kinds that rules only look up (never judge): their documents are left uncomposed and marked `lazy`, even
   * when `kinds` has them (CRDs make up most of the bytes of an install bundle, and their schemas are needed
   * only when a custom resource is scanned). Without it, such kinds in `kinds` are composed as usual.
   */
  lazy?: ReadonlySet<string>;
  /**
   * A narrower kinds/lazy pair (one rule set of several parsed at once): each document is marked with what a
   * parse with only these would have done with it (ParsedDoc.narrow), so that a caller can give that rule set
   * exactly the objects and errors it would have seen.
   */
  narrow?: { kinds?: ReadonlySet<string>; lazy?: ReadonlySet<string> };
  /**
   * `false`: documents of other kinds than `kinds` are not composed for their YAML errors either (a caller that
   * only looks for some objects and ignores the rest, such as the search for admission policies).
   */
  otherErrors?: false;
}

type Wanted = 'compose' | 'lazy' | 'no';

function wantedUnder(kinds: ReadonlySet<string> | undefined, lazyKinds: ReadonlySet<string> | undefined, head: Head, pd: ParsedDoc): Wanted {
  const lazy = !!lazyKinds && pd.kind !== undefined && lazyKinds.has(pd.kind);
  const custom = !!kinds?.has(CUSTOM_RESOURCE);
  const wanted = head.unknown || !kinds || (pd.kind !== undefined && ((kinds.has(pd.kind) && !lazy) || pd.kind === 'List'
    || (pd.apiVersion !== undefined && kinds.has(`${pd.kind}@${pd.apiVersion}`))
    || (custom && isCustomApiVersion(pd.apiVersion))));
  return wanted ? 'compose' : lazy ? 'lazy' : 'no';
}

export const API_VERSION_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
export const KIND_RE = /^[A-Z][A-Za-z0-9]*$/;

/** Kinds-set token: compose documents of custom resources (see {@link isCustomApiVersion}). */
export const CUSTOM_RESOURCE = 'customResource';

/**
 * A custom resource's apiVersion: its group has a dot and is not a Kubernetes API group (`*.k8s.io`).
 * Built-in groups are either dot-less (`apps`, `batch`, `policy`, ...) or end in `.k8s.io`.
 */
export function isCustomApiVersion(apiVersion: string | undefined): boolean {
  const slash = apiVersion?.indexOf('/') ?? -1;
  if (!apiVersion || slash < 0) return false;
  const group = apiVersion.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

export function parseManifest(text: string, opts: ParseOptions = {}): ParsedFile {
  const lines = new LineIndex(text);
  const fatal = checkText(text, lines.lineStartOffsets());
  if (fatal) return { text, lines, docs: [], fatal };
  // comments are read for suppression directives only (`# kubehex-disable…`), from the CST
  const directives = text.includes('kubehex-disable');
  return (!directives && parseFast(text, lines, opts)) || parseGeneral(text, lines, opts, directives);
}

/**
 * parseManifest without the `yaml` package's lexer and parser for a text whose documents are all in the fast
 * reader's subset (see yaml-fast.ts): their heads and the knowledge that they compose cleanly come from the text,
 * and only the documents a rule reads are composed, each from its own slice of the text. Undefined when any
 * document is outside the subset: the text is then read as a whole by parseGeneral.
 */
export function parseFast(text: string, lines: LineIndex, opts: ParseOptions): ParsedFile | undefined {
  const reader = new FastReader(text, lines.lineStartOffsets());
  const segments = reader.segments();
  if (!segments) return undefined;
  const heads: Array<FastHead | CST.Document> = [];
  for (const seg of segments) {
    const head = reader.readHead(seg) ?? sliceToken(text, seg.start, seg.end);
    if (!head) return undefined;
    heads.push(head);
  }
  const docs: ParsedDoc[] = [];
  const maxErrors = opts.maxErrorsPerFile ?? 100;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i], got = heads[i];
    // a document outside the subset is read from its own CST, as parseGeneral reads it
    const token = 'type' in got ? got : undefined;
    const head: Head = token ? readHead(token) : (got as FastHead);
    const pd: ParsedDoc = { index: docs.length, start: seg.start, end: seg.end, errors: [], duplicates: [], comments: [] };
    docs.push(pd);
    pd.apiVersion = head.apiVersion;
    pd.kind = head.kind;
    const want = wantedUnder(opts.kinds, opts.lazy, head, pd);
    if (opts.narrow && want === 'compose') {
      const n = wantedUnder(opts.narrow.kinds, opts.narrow.lazy, head, pd);
      if (n !== 'compose') pd.narrow = n === 'lazy' && head.isObject && pd.apiVersion !== undefined ? 'lazy' : head.isObject ? 'errors' : 'skip';
    }
    if (want === 'compose') {
      const fast = token ? undefined : composeFast(reader, seg);
      if (fast) {
        attachFast(pd, fast.doc, fast.value, lines, maxErrors);
        continue;
      }
      const d = token ? composeToken(token, seg.start) : composeSlice(text, seg.start, seg.end);
      if (!d) return undefined;
      attach(pd, d, lines, maxErrors);
    } else {
      // a document with YAML errors is read with the whole text (they are reported as the general path reports them)
      if (token && head.isObject && opts.otherErrors !== false && !composesCleanly(token) && !composeToken(token, seg.start)) return undefined;
      if (want === 'lazy' && head.isObject && pd.apiVersion !== undefined) pd.lazy = { text, name: token ? readName(token) : (got as FastHead).name };
    }
  }
  return { text, lines, docs };
}

/**
 * A document in the fast reader's subset, its nodes built from the text (see FastReader.readNodes), and its plain
 * value built alongside (undefined: toJS's, for a document with a duplicate or `__proto__` key).
 */
function composeFast(reader: FastReader, seg: FastSegment): { doc: Document.Parsed; value: { value: unknown } | undefined } | undefined {
  const doc = new YAMLDocument(undefined, YAML_OPTIONS as never) as unknown as Document.Parsed;
  const value = reader.readNodesAndValue(seg, doc);
  return value === false ? undefined : { doc, value };
}

let valueResolver: Resolver | undefined;

/**
 * The plain value of a text of one document (Document.toJS's), read by the fast reader when the document is in its
 * subset and has no duplicate keys; undefined otherwise (compose it).
 */
export function fastValue(text: string): { value: unknown } | undefined {
  const reader = new FastReader(text);
  const segs = reader.segments();
  if (!segs || segs.length !== 1) return undefined;
  if (!valueResolver) {
    const d = new YAMLDocument(undefined, YAML_OPTIONS as never);
    valueResolver = { schema: d.schema, options: d.options as unknown as Record<string, unknown> };
  }
  return reader.readValue(segs[0], valueResolver);
}

/**
 * The CST of text[start, end) alone when it is one document and nothing else (its offsets are the slice's), else
 * undefined. The next document's `---` line is read too (and dropped), so that the lexer ends the document as it
 * does in the whole text.
 */
function sliceToken(text: string, start: number, end: number): CST.Document | undefined {
  let to = end;
  if (end < text.length) {
    const nl = text.indexOf('\n', end);
    to = nl === -1 ? text.length : nl + 1;
  }
  let doc: CST.Document | undefined;
  let next = false;
  for (const t of new Parser().parse(text.slice(start, to))) {
    if (t.type === 'document' && !doc) doc = t;
    else if (t.type === 'document' && !next && to > end && t.offset === end - start) next = true;
    else if (t.type !== 'comment' && t.type !== 'space' && t.type !== 'newline') return undefined;
  }
  return to > end && !next ? undefined : doc;
}

/** The one document of text[start, end) composed on its own, with the offsets of `text`; undefined unless clean. */
function composeSlice(text: string, start: number, end: number): Document.Parsed | undefined {
  const token = sliceToken(text, start, end);
  return token && composeToken(token, start);
}

/** A document's CST (offsets relative to `start`) composed, with the offsets of the text; undefined unless clean. */
function composeToken(token: CST.Document, start: number): Document.Parsed | undefined {
  const got = [...new Composer(YAML_OPTIONS as never).compose([token])];
  if (got.length !== 1 || got[0].errors.length) return undefined;
  shiftDocument(got[0], start);
  return got[0];
}

/** parseManifest by the `yaml` package's parser alone (the reference the fast path is tested against). */
export function parseManifestGeneral(text: string, opts: ParseOptions = {}): ParsedFile {
  const lines = new LineIndex(text);
  const fatal = checkText(text, lines.lineStartOffsets());
  if (fatal) return { text, lines, docs: [], fatal };
  return parseGeneral(text, lines, opts, text.includes('kubehex-disable'));
}

function parseGeneral(text: string, lines: LineIndex, opts: ParseOptions, directives: boolean): ParsedFile {
  const docs: ParsedDoc[] = [];
  const composer = new Composer(YAML_OPTIONS as never);
  const pending: ParsedDoc[] = [];
  const prelude: CST.Token[] = [];
  let current: ParsedDoc | undefined;
  const maxErrors = opts.maxErrorsPerFile ?? 100;

  const take = (composed: Iterable<Document.Parsed>) => {
    for (const d of composed) {
      const pd = pending.shift();
      if (pd) attach(pd, d, lines, maxErrors);
    }
  };

  const kinds = opts.kinds;
  const tokens: Iterable<CST.Token> = new Parser().parse(text);
  for (const token of tokens) {
    if (token.type === 'document') {
      const pd: ParsedDoc = { index: docs.length, start: token.offset, end: text.length, errors: [], duplicates: [], comments: [] };
      if (current) current.end = prelude.length ? prelude[0].offset : token.offset;
      docs.push(pd);
      current = pd;
      const head = readHead(token);
      pd.apiVersion = head.apiVersion;
      pd.kind = head.kind;
      const want = wantedUnder(kinds, opts.lazy, head, pd);
      const wanted = want === 'compose';
      const lazy = want === 'lazy';
      if (opts.narrow && wanted && wantedUnder(opts.narrow.kinds, opts.narrow.lazy, head, pd) !== 'compose') {
        const n = wantedUnder(opts.narrow.kinds, opts.narrow.lazy, head, pd);
        pd.narrow = n === 'lazy' && head.isObject && pd.apiVersion !== undefined ? 'lazy' : head.isObject ? 'errors' : 'skip';
      }
      if (wanted) {
        for (const p of prelude) take(composer.next(p));
        pending.push(pd);
        take(composer.next(token));
        if (directives) {
          for (const p of prelude) if (p.type === 'comment') pd.comments.push({ offset: p.offset, end: p.offset + p.source.length, text: p.source });
          // a comment starts with '#': without one from here on, the document's tokens need no walk
          if (text.indexOf('#', token.offset) >= 0) collectComments(token, pd.comments);
          else pd.comments.sort((x, y) => x.offset - y.offset);
        }
      } else if (head.isObject && opts.otherErrors !== false && syntaxErrors(token, pd, lines, maxErrors)) {
        // reported like any other document's; the document is not linted (nor looked up)
      } else if (lazy && head.isObject && pd.apiVersion !== undefined) {
        pd.lazy = { text, name: readName(token) };
      }
      prelude.length = 0;
    } else if (token.type === 'doc-end') {
      if (current && pending.includes(current)) take(composer.next(token));
    } else if (token.type === 'directive' || token.type === 'comment' || token.type === 'space' || token.type === 'newline' || token.type === 'byte-order-mark') {
      prelude.push(token);
    } else {
      // stray error tokens between documents
      for (const p of prelude) take(composer.next(p));
      prelude.length = 0;
      if (current && pending.includes(current)) take(composer.next(token));
      else if (token.type === 'error') {
        const e = token as CST.ErrorToken;
        (current ?? orphan(docs, text)).errors.push({ code: 'syntax', message: e.message, range: lines.range(e.offset, e.offset + e.source.length) });
      }
    }
  }
  take(composer.end());
  return { text, lines, docs };
}

/**
 * A document of `text` already composed by whoever produced the text (the Helm renderer composes each document
 * it prints to order them): parsing it again would double the cost of the biggest renders.
 */
export interface PreparedDoc {
  /** Offsets of the document in the text (from its first token to the start of the next). */
  start: number;
  end: number;
  /** Composed with YAML_OPTIONS from the text at `base` (its node offsets are relative to `base`). */
  doc?: Document.Parsed;
  base: number;
  /**
   * Instead of `doc`, for a text its producer wrote and knows to be valid YAML (kustomize's output): the document's
   * top-level `apiVersion` and `kind` and its `metadata.name`, as readHead and readName would read them (and
   * `metadata.namespace` when known: a string, or null for none, as the composed object would have it), and
   * `compose` to compose it (relative to `base`, as `doc`) only when it is linted: most bytes of a big build are
   * CRDs that no rule composes.
   */
  head?: { apiVersion?: string; kind?: string; name?: string; namespace?: string | null };
  compose?: () => Document.Parsed;
}

/**
 * parseManifest for a text whose documents are already composed, in order: the same ParsedFile without a second
 * parse. A document it keeps gets its offsets moved to the text's (in place: a PreparedDoc is used once). A text
 * with a suppression directive, or a parse with `narrow`, is parsed as usual (comments are read from the CST).
 */
export function parseManifestPrepared(text: string, prepared: ReadonlyArray<PreparedDoc>, opts: ParseOptions = {}): ParsedFile {
  if (opts.narrow || text.includes('kubehex-disable')) return parseManifest(text, opts);
  const lines = new LineIndex(text);
  const fatal = checkText(text, lines.lineStartOffsets());
  if (fatal) return { text, lines, docs: [], fatal };
  const docs: ParsedDoc[] = [];
  const maxErrors = opts.maxErrorsPerFile ?? 100;
  for (const p of prepared) {
    const pd: ParsedDoc = { index: docs.length, start: p.start, end: p.end, errors: [], duplicates: [], comments: [] };
    docs.push(pd);
    const head: Head = p.doc ? composedHead(p.doc) : { apiVersion: p.head?.apiVersion, kind: p.head?.kind, isObject: p.head?.kind !== undefined, unknown: false };
    pd.apiVersion = head.apiVersion;
    pd.kind = head.kind;
    const want = wantedUnder(opts.kinds, opts.lazy, head, pd);
    const doc = p.doc ?? (want === 'compose' ? p.compose?.() : undefined);
    if (want === 'compose' && doc) {
      shiftDocument(doc, p.base);
      attach(pd, doc, lines, maxErrors);
    } else if (head.isObject && doc?.errors.length) {
      shiftDocument(doc, p.base);
      for (const e of doc.errors) {
        if (e.code === 'DUPLICATE_KEY') continue;
        if (pd.errors.length >= maxErrors) break;
        pd.errors.push({ code: e.code, message: cleanMessage(e.message), range: lines.range(e.pos[0], e.pos[1]) });
      }
    } else if (want === 'lazy' && head.isObject && pd.apiVersion !== undefined) {
      pd.lazy = doc ? { text, name: composedName(doc) } : { text, name: p.head?.name, ...(p.head?.namespace !== undefined ? { namespace: p.head.namespace } : {}) };
    }
  }
  return { text, lines, docs };
}

/** Adds `delta` to every offset of a composed document (node ranges, error positions). */
export function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  const seen = new Set<unknown>();
  const shift = (r: number[] | undefined | null) => {
    if (!r || seen.has(r)) return;
    seen.add(r);
    for (let i = 0; i < r.length; i++) r[i] += delta;
  };
  shift(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) shift(e.pos);
  visit(doc, { Node: (_k, node) => { shift(node.range); } });
}

/** A flow scalar's text as the CST reads it (readHead, readName); block scalars and other nodes: undefined. */
export function flowScalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const t = (n as Scalar).type;
  if (t !== 'PLAIN' && t !== 'QUOTE_SINGLE' && t !== 'QUOTE_DOUBLE') return undefined;
  const src = (n as Scalar & { source?: unknown }).source;
  return typeof src === 'string' ? src : undefined;
}

/** What readHead reads from the CST, read from a composed document (same answers, so the same documents composed). */
function composedHead(doc: Document.Parsed): Head {
  const v = doc.contents;
  if (!v || (isScalar(v) && v.value === null && !v.source)) return { isObject: false, unknown: false };
  if (!isMap(v)) return { isObject: isSeq(v) && !!v.flow, unknown: isSeq(v) && !!v.flow };
  if (v.flow) return { isObject: true, unknown: true };
  const head: Head = { isObject: true, unknown: false };
  for (const it of v.items) {
    const key = flowScalarText(it.key);
    if (key !== 'kind' && key !== 'apiVersion') continue;
    const s = flowScalarText(it.value);
    if (s === undefined) { head.unknown = true; continue; }
    if (key === 'kind') head.kind = s;
    else head.apiVersion = s;
  }
  if (head.kind === undefined) head.isObject = false;
  return head;
}

/** readName, from a composed document. */
function composedName(doc: Document.Parsed): string | undefined {
  return metadataNameOf(doc.contents);
}

/** metadata.name as readName reads it, from a document's composed top node (a block map; anything else: undefined). */
export function metadataNameOf(v: unknown): string | undefined {
  if (!isMap(v) || v.flow) return undefined;
  for (const it of v.items) {
    if (flowScalarText(it.key) !== 'metadata') continue;
    const m = it.value;
    if (!isMap(m) || m.flow) return undefined;
    for (const x of m.items) if (flowScalarText(x.key) === 'name') return flowScalarText(x.value);
    return undefined;
  }
  return undefined;
}

function orphan(docs: ParsedDoc[], text: string): ParsedDoc {
  const pd: ParsedDoc = { index: docs.length, start: 0, end: text.length, errors: [], duplicates: [], comments: [] };
  docs.push(pd);
  return pd;
}

function attach(pd: ParsedDoc, d: Document.Parsed, lines: LineIndex, maxErrors: number) {
  pd.doc = d;
  for (const e of d.errors) {
    if (e.code === 'DUPLICATE_KEY') continue;
    if (pd.errors.length >= maxErrors) break;
    pd.errors.push({ code: e.code, message: cleanMessage(e.message), range: lines.range(e.pos[0], e.pos[1]) });
  }
  if (hasDuplicateKeys(d.contents)) collectDuplicates(d.contents, [], pd.duplicates);
  if (pd.errors.length) return;
  try {
    pd.value = d.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const at = d.contents?.range?.[0] ?? pd.start;
    pd.errors.push({ code: 'aliases', message: `document not evaluated: ${(err as Error).message}`, range: lines.range(at, at) });
  }
  if (pd.value !== undefined && mayHaveAlias(lines.text, d)) reportCycles(pd, d, lines);
  if (!pd.kind && isRecord(pd.value)) {
    if (typeof pd.value.kind === 'string') pd.kind = pd.value.kind;
    if (typeof pd.value.apiVersion === 'string') pd.apiVersion = pd.value.apiVersion;
  }
}

/**
 * attach for a document the fast reader built (no errors, no alias: no cycle), with its value when it was built
 * alongside the nodes (which also means no map repeats a key): neither toJS nor the duplicate search runs again.
 */
function attachFast(pd: ParsedDoc, d: Document.Parsed, value: { value: unknown } | undefined, lines: LineIndex, maxErrors: number) {
  if (!value) {
    attach(pd, d, lines, maxErrors);
    return;
  }
  pd.doc = d;
  pd.value = value.value;
  if (!pd.kind && isRecord(pd.value)) {
    if (typeof pd.value.kind === 'string') pd.kind = pd.value.kind;
    if (typeof pd.value.apiVersion === 'string') pd.apiVersion = pd.value.apiVersion;
  }
}

/** An alias is written `*name`: a document without a `*` has none (most documents), and needs no walk. */
function mayHaveAlias(text: string, d: Document.Parsed): boolean {
  const at = text.indexOf('*', d.range[0]);
  return at !== -1 && at < d.range[2];
}

/**
 * A recursive alias (an anchored node holding an alias to itself) makes the value a cycle; Kubernetes rejects
 * the document ("anchor value contains itself"). The cycle is cut (read as null) so rules walk a tree, and
 * reported as an error that does not stop the linting (see {@link blocksLint}).
 */
function reportCycles(pd: ParsedDoc, d: Document.Parsed, lines: LineIndex): void {
  for (const path of breakCycles(pd.value)) {
    const [s, e] = rangeForPath(d, path);
    pd.errors.push({ code: RECURSIVE_ALIAS, message: `recursive alias at ${path.join('.')}: the anchored node contains it; Kubernetes rejects this document`, range: lines.range(s, e) });
  }
}

export const RECURSIVE_ALIAS = 'recursive-alias';

/** Errors that leave nothing to lint: every YAML error but a recursive alias, whose cycle is cut. */
export function blocksLint(pd: ParsedDoc): boolean {
  for (const e of pd.errors) if (e.code !== RECURSIVE_ALIAS) return true;
  return false;
}

/**
 * The YAML errors of a document no rule judges (a CRD, a kind no enabled rule reads): it is composed for its
 * errors only and the tree dropped, so a broken document is reported whatever its kind. True when it has any.
 */
function syntaxErrors(token: CST.Document, pd: ParsedDoc, lines: LineIndex, maxErrors: number): boolean {
  // most such documents are plainly written: their CST shows they compose without an error
  if (composesCleanly(token)) return false;
  for (const d of new Composer(YAML_OPTIONS as never).compose([token])) {
    for (const e of d.errors) {
      if (e.code === 'DUPLICATE_KEY') continue;
      if (pd.errors.length >= maxErrors) break;
      pd.errors.push({ code: e.code, message: cleanMessage(e.message), range: lines.range(e.pos[0], e.pos[1]) });
    }
  }
  return pd.errors.length > 0;
}

function cleanMessage(m: string): string {
  return m.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Does any map of the tree repeat a key (aliases are not followed)? Linear; most documents have none. */
export function hasDuplicateKeys(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const it of (node as YAMLMap).items) {
        if (!isPair(it)) continue;
        if (isScalar(it.key)) {
          const k = String(it.key.value);
          if (seen.has(k) && k !== '<<') return true;
          seen.add(k);
        }
        stack.push(it.value);
      }
    } else if (isSeq(node)) {
      for (const it of node.items) stack.push(it);
    }
  }
  return false;
}

function collectDuplicates(node: unknown, path: (string | number)[], out: DuplicateKey[]) {
  if (isMap(node)) {
    const counts = new Map<string, number>();
    for (const it of (node as YAMLMap).items) {
      if (!isPair(it)) continue;
      const k = isScalar(it.key) ? String(it.key.value) : undefined;
      if (k === undefined) continue;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      collectDuplicates(it.value, [...path, k], out);
    }
    for (const [k, c] of counts) if (c > 1 && k !== '<<') out.push({ path: [...path, k], count: c });
  } else if (isSeq(node)) {
    node.items.forEach((it, i) => collectDuplicates(it, [...path, i], out));
  }
}

interface Head { apiVersion?: string; kind?: string; isObject: boolean; unknown: boolean }

const isPlainScalar = (t: CST.Token | undefined): t is CST.FlowScalar => !!t && (t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar');

/** `metadata.name` of a block-map document, read from the CST (for lazy documents: lookups by name compose nothing). */
function readName(token: CST.Document): string | undefined {
  const v = token.value;
  if (!v || v.type !== 'block-map') return undefined;
  for (const it of v.items) {
    if (!it.key || !('source' in it.key) || unquote(it.key as CST.FlowScalar) !== 'metadata') continue;
    const m = it.value;
    if (!m || m.type !== 'block-map') return undefined;
    for (const x of m.items) {
      if (!x.key || !('source' in x.key) || unquote(x.key as CST.FlowScalar) !== 'name') continue;
      return isPlainScalar(x.value) ? unquote(x.value) : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Reads top-level `apiVersion` and `kind` from the CST without composing the document. */
function readHead(token: CST.Document): Head {
  const v = token.value;
  if (!v) return { isObject: false, unknown: false };
  if (v.type !== 'block-map') return { isObject: v.type === 'flow-collection', unknown: v.type === 'flow-collection' };
  const head: Head = { isObject: true, unknown: false };
  for (const it of v.items) {
    if (!it.key || !('source' in it.key)) continue;
    const key = unquote(it.key as CST.FlowScalar);
    if (key !== 'kind' && key !== 'apiVersion') continue;
    const val = it.value;
    if (!val || !(val.type === 'scalar' || val.type === 'single-quoted-scalar' || val.type === 'double-quoted-scalar')) {
      head.unknown = true;
      continue;
    }
    const s = unquote(val as CST.FlowScalar);
    if (key === 'kind') head.kind = s;
    else head.apiVersion = s;
  }
  if (head.kind === undefined) head.isObject = false;
  return head;
}

function unquote(t: CST.FlowScalar): string {
  if (t.type === 'single-quoted-scalar') return t.source.slice(1, -1).replace(/''/g, "'");
  if (t.type === 'double-quoted-scalar') {
    try { return JSON.parse(t.source) as string; } catch { return t.source.slice(1, -1); }
  }
  return t.source.trim();
}

/** The CST children of a token or collection item, in the order a walk visits them (fields unrolled: hot path). */
function pushChildren(t: Record<string, unknown>, stack: unknown[]): void {
  pushField(t.start, stack);
  pushField(t.value, stack);
  pushField(t.end, stack);
  pushField(t.items, stack);
  pushField(t.key, stack);
  pushField(t.sep, stack);
  pushField(t.props, stack);
}

function pushField(c: unknown, stack: unknown[]): void {
  if (!c || typeof c !== 'object') return;
  if (Array.isArray(c)) for (let i = 0; i < c.length; i++) stack.push(c[i]);
  else stack.push(c);
}

/** Real comment tokens only: text inside strings or block scalars never looks like one. */
function collectComments(token: CST.Token, out: Comment[]) {
  const stack: unknown[] = [token];
  while (stack.length) {
    const t = stack.pop() as Record<string, unknown>;
    if (!t || typeof t !== 'object') continue;
    if (t.type === 'comment') {
      const src = t.source as string;
      out.push({ offset: t.offset as number, end: (t.offset as number) + src.length, text: src });
      continue;
    }
    pushChildren(t, stack);
  }
  out.sort((a, b) => a.offset - b.offset);
}
