import { Alias, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { YAML_OPTIONS, flowScalarText, metadataNameOf, type PreparedDoc } from '../../engine';
import { SourceMap, type Segment } from '../source-map';
import { HelmError } from './chart';
import { plainDocumentHead } from './plain-yaml';
import { goYamlError } from './yaml-errors';

/**
 * From rendered templates to what `helm template` prints (facts from Helm's documentation and its output):
 * each template's output is trimmed and split at `---` separators (Helm's pattern `(?:^|\s*\n)---\s*`), every
 * piece trimmed and kept unless empty (a comment-only piece is kept); pieces with a `helm.sh/hook` annotation are
 * hooks (an unknown hook event drops the piece, `--skip-tests` drops test hooks); the rest are sorted by kind in
 * Helm's install order (unknown kinds last, alphabetically; stable otherwise) after templates were taken in path
 * order. Output: CRDs (with --include-crds), then manifests, trimmed, then hooks (also sorted by kind), each
 * headed `---\n# Source: <path>\n`.
 */
export const INSTALL_ORDER: readonly string[] = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding',
  'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];

const HOOK_EVENTS = new Map<string, string>([
  ['pre-install', 'pre-install'], ['post-install', 'post-install'], ['pre-delete', 'pre-delete'],
  ['post-delete', 'post-delete'], ['pre-upgrade', 'pre-upgrade'], ['post-upgrade', 'post-upgrade'],
  ['pre-rollback', 'pre-rollback'], ['post-rollback', 'post-rollback'], ['test', 'test'], ['test-success', 'test'],
]);

export interface RenderedTemplate { name: string; file: string; text: string; map: SourceMap }

export interface ManifestDoc {
  /** `# Source:` path. */
  source: string;
  /** The template it came from. */
  file: string;
  content: string;
  /** Segments relative to `content`. */
  segments: Segment[];
  kind: string;
  name: string;
  hookEvents?: string[];
  /** The document as printed (`sectionText`), composed once: it ordered the document and the engine lints it. */
  doc?: Document.Parsed;
  /** Instead of `doc`, for a document known to compose cleanly (plainDocumentHead): composed only if linted. */
  lazy?: LazySection;
}

/** A printed document not composed yet: what the engine reads of its head, and how to compose it (see PreparedDoc). */
export interface LazySection { head: NonNullable<PreparedDoc['head']>; compose: () => Document.Parsed }

/** How `helm template` prints one document. */
export function sectionText(source: string, body: string): string { return `---\n# Source: ${source}\n${body}\n`; }

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Bounds of Go's strings.TrimSpace(text.slice(start, end)). */
function trimBounds(text: string, start: number, end: number): [number, number] {
  while (start < end && GO_SPACE.test(text[start])) start++;
  while (end > start && GO_SPACE.test(text[end - 1])) end--;
  return [start, end];
}

const isGoSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** Offsets [start, end) of each document of a template's output, as Helm splits it. */
export function splitManifests(text: string): Array<[number, number]> {
  const [s0, s1] = trimBounds(text, 0, text.length);
  const body = text.slice(s0, s1);
  // Helm splits at the regexp (?:^|\s*\n)---\s* (Go's \s: \t \n \f \r and space). Scanned by hand: the regexp
  // retries every position of a long whitespace run, which cost a tenth of a large chart's render.
  const out: Array<[number, number]> = [];
  let last = 0;
  const piece = (a: number, b: number) => {
    if (a === b) return;
    const [x, y] = trimBounds(text, s0 + a, s0 + b);
    out.push([x, y]);
  };
  let from = 0;
  for (let p = body.indexOf('---'); p >= 0; p = body.indexOf('---', p + 1)) {
    // a separator is `---` at the very start, or right after a line break not consumed by the previous separator
    if (p === 0 ? from !== 0 : p - 1 < from || body.charCodeAt(p - 1) !== 10) continue;
    let q = p === 0 ? 0 : p - 1;
    while (q > from && isGoSpace(body.charCodeAt(q - 1))) q--;
    let e = p + 3;
    while (e < body.length && isGoSpace(body.charCodeAt(e))) e++;
    piece(last, q);
    last = e;
    from = e;
    p = e - 1;
  }
  piece(last, body.length);
  return out;
}

/** Segments of `map` within [start, end), clipped and made relative to `start`. */
export function sliceSegments(map: SourceMap, start: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const s of map.overlapping(start, end)) {
    const a = Math.max(s.start, start);
    const b = Math.min(s.end, end);
    const origin = s.origin.kind === 'text' ? { ...s.origin, offset: s.origin.offset + (a - s.start) } : s.origin;
    out.push({ ...s, start: a - start, end: b - start, origin });
  }
  return out;
}

interface Head { kind: string; name: string; annotations: Record<string, unknown> }

const PARSE_OPTIONS = { ...YAML_OPTIONS, uniqueKeys: false } as never;

/**
 * Helm reads every document's head (kind, metadata.name, annotations) with Go's YAML and fails the render on any
 * YAML error. The document is composed once, as printed (`sectionText`), so that the engine can lint this parse
 * instead of parsing the output again. A document with an error is composed alone again for Helm's message.
 */
function parseSection(content: string, source: string): { head: Head; doc?: Document.Parsed; lazy?: LazySection } {
  // a directive would mean something else below the `---` of the header: composed alone, not handed on
  if (content.startsWith('%')) return { head: readHead(content, source) };
  const text = sectionText(source, content);
  const kept = keptSections.get(text);
  if (kept) {
    const doc = cloneDocument(kept.doc);
    if (doc) return { head: kept.head, doc };
  }
  const keep = (parsed: { head: Head; doc?: Document.Parsed }) => {
    if (parsed.doc && !kept && MAX_KEPT_CHARS > 0 && text.length <= MAX_KEPT_CHARS / 4) keepSection(text, parsed);
  };
  // a large document of the plain shapes composes cleanly: its head is read from its head's lines alone, and the
  // rest is composed only if a rule lints it (CRDs, most bytes of a large chart, are only looked up; a small
  // document is composed now, as most are linted and reading its head apart would cost more than it saves)
  const plain = content.length < LAZY_MIN_CHARS || /[\n\r]/.test(source) ? undefined : plainDocumentHead(content);
  const heads = plain && plainHeads(plain.head, source);
  if (heads) {
    return {
      head: heads.helm,
      lazy: {
        head: heads.engine,
        compose: () => {
          const parsed = { head: heads.helm, doc: parseDocument(text, PARSE_OPTIONS) as unknown as Document.Parsed };
          keep(parsed);
          return parsed.doc;
        },
      },
    };
  }
  const parsed = composeSection(text, content, source);
  keep(parsed);
  return parsed;
}

/** The size from which a document of the plain shapes is left uncomposed until linted. */
let LAZY_MIN_CHARS = 8192;

/** For tests: documents from this size are left uncomposed until linted (see parseSection). */
export function setLazyMinChars(n: number): void { LAZY_MIN_CHARS = n; }

/**
 * Helm's head (composeSection's) and the engine's (readHead/readName) of a document accepted by
 * plainDocumentHead, from the text of its top-level apiVersion, kind and metadata entries. Undefined when the
 * engine would not read a field of the head from the document's text as written (it then composes the document).
 */
function plainHeads(headText: string, source: string): { helm: Head; engine: NonNullable<PreparedDoc['head']> } | undefined {
  const doc = parseDocument(headText, PARSE_OPTIONS) as unknown as Document.Parsed;
  if (doc.errors.length) return undefined;
  const top = doc.contents;
  if (top !== null && (!isMap(top) || top.flow)) return undefined;
  const helm = headOfMap(doc, top as YAMLMap | null, source);
  const engine: NonNullable<PreparedDoc['head']> = {};
  for (const it of (top as YAMLMap | null)?.items ?? []) {
    const key = flowScalarText(it.key);
    if (key !== 'kind' && key !== 'apiVersion') continue;
    const s = flowScalarText(it.value);
    if (s === undefined) return undefined;
    engine[key] = s;
  }
  const name = metadataNameOf(top);
  if (name !== undefined) engine.name = name;
  return { helm, engine };
}

/**
 * Printed documents kept across renders while their text is unchanged, when a long-lived caller asks for it
 * (keepPrintedDocuments: the language server renders a chart again on every keystroke, and most documents print
 * the same): a copy of a document is kept when it is first composed (a copy costs a fraction of a compose, so the
 * first keystroke after opening a chart composes only what it changed), and every later render gets a copy of
 * that (the engine moves a document's offsets in place). Bounded by the text held; oldest first out.
 */
const keptSections = new Map<string, { doc: Document.Parsed; head: Head }>();
let keptChars = 0;
let MAX_KEPT_CHARS = 0;

/** Keep printed documents across renders, up to about `maxChars` characters of their text (0: stop keeping). */
export function keepPrintedDocuments(maxChars: number): void {
  MAX_KEPT_CHARS = maxChars;
  if (maxChars <= 0) { keptSections.clear(); keptChars = 0; }
}

function keepSection(text: string, parsed: { head: Head; doc?: Document.Parsed }): void {
  // the one composed now is handed on (and moved); a copy made before that is kept
  const copy = parsed.doc && !parsed.doc.warnings.length ? cloneDocument(parsed.doc) : undefined;
  if (!copy) return;
  keptSections.set(text, { doc: copy, head: parsed.head });
  keptChars += text.length;
  for (const [t] of keptSections) {
    if (keptChars <= MAX_KEPT_CHARS) break;
    keptSections.delete(t);
    keptChars -= t.length;
  }
}

/**
 * A copy of a composed document, node for node (what the yaml package's Document.clone makes, for the node
 * classes a manifest composes to, without its per-node property descriptors, which cost a third of a parse).
 * Undefined when the document holds anything else (a custom tag's class, an error or warning).
 */
function cloneDocument(doc: Document.Parsed): Document.Parsed | undefined {
  if (doc.errors.length || doc.warnings.length) return undefined;
  const contents = cloneNode(doc.contents);
  if (contents === FAILED) return undefined;
  const copy = Object.create(Object.getPrototypeOf(doc), Object.getOwnPropertyDescriptors(doc)) as Document.Parsed;
  copy.contents = contents as Document.Parsed['contents'];
  copy.range = [...doc.range] as Document.Parsed['range'];
  copy.errors = [];
  copy.warnings = [];
  return copy;
}

const FAILED = Symbol('not cloned');

function cloneNode(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  const proto = Object.getPrototypeOf(n);
  let copy: { range?: unknown; items?: unknown[] };
  if (proto === Scalar.prototype) copy = Object.assign(new Scalar(null), n);
  else if (proto === YAMLMap.prototype || proto === YAMLSeq.prototype) {
    const c = n as YAMLMap | YAMLSeq;
    copy = Object.assign(proto === YAMLMap.prototype ? new YAMLMap(c.schema) : new YAMLSeq(c.schema), n);
    const items: unknown[] = new Array(c.items.length);
    for (let i = 0; i < items.length; i++) {
      const it = cloneNode(c.items[i]);
      if (it === FAILED) return FAILED;
      items[i] = it;
    }
    copy.items = items;
  } else if (proto === Pair.prototype) {
    const p = n as Pair;
    const key = cloneNode(p.key);
    const value = cloneNode(p.value);
    if (key === FAILED || value === FAILED) return FAILED;
    return Object.assign(new Pair(null), p, { key, value });
  } else if (proto === Alias.prototype) copy = Object.assign(new Alias((n as Alias).source), n);
  else return FAILED;
  const r = (n as { range?: number[] | null }).range;
  if (r) copy.range = [...r];
  return copy;
}

function composeSection(text: string, content: string, source: string): { head: Head; doc?: Document.Parsed } {
  const doc = parseDocument(text, PARSE_OPTIONS) as unknown as Document.Parsed;
  if (doc.errors.length) return { head: readHead(content, source) };
  // toJS of the head's fields only, unless anchors or merge keys make a field depend on the rest of the document
  if (content.includes('&') || content.includes('<<') || !isMap(doc.contents)) return { head: headOf(toJs(doc, source), source), doc };
  return { head: headOfMap(doc, doc.contents as YAMLMap, source), doc };
}

/** headOf the top-level kind, apiVersion and metadata of a composed map (none: null). */
function headOfMap(doc: Document, top: YAMLMap | null, source: string): Head {
  const field = (key: string): Node | null | undefined => {
    let found: Node | null | undefined;
    for (const it of top?.items ?? []) if (isScalar(it.key) && it.key.value === key) found = (it.value ?? null) as Node | null;
    return found;
  };
  const js = (n: Node | null | undefined): unknown => (n === undefined ? undefined : n === null ? null : n.toJS(doc));
  return headOf({ kind: js(field('kind')), apiVersion: js(field('apiVersion')), metadata: js(field('metadata')) }, source);
}

function toJs(doc: Document, source: string): unknown {
  try { return doc.toJS({ maxAliasCount: 1000 }); } catch (e) { throw new HelmError(`YAML parse error on ${source}: error converting YAML to JSON: yaml: ${(e as Error).message}`, source); }
}

/** The head of a document composed alone (the document has an error: this throws Helm's message). */
function readHead(content: string, source: string): Head {
  const doc = parseDocument(content, PARSE_OPTIONS);
  if (doc.errors.length) throw new HelmError(`YAML parse error on ${source}: error converting YAML to JSON: ${goYamlError(content, doc.errors[0])}`, source);
  return headOf(toJs(doc, source), source);
}

function headOf(v: unknown, source: string): Head {
  if (v === null || v === undefined) return { kind: '', name: '', annotations: {} };
  if (typeof v !== 'object' || Array.isArray(v)) {
    const t = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
    throw new HelmError(`YAML parse error on ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${t} into Go value of type releaseutil.SimpleHead`, source);
  }
  const o = v as Record<string, unknown>;
  const md = (o.metadata && typeof o.metadata === 'object' && !Array.isArray(o.metadata) ? o.metadata : {}) as Record<string, unknown>;
  const ann = (md.annotations && typeof md.annotations === 'object' && !Array.isArray(md.annotations) ? md.annotations : {}) as Record<string, unknown>;
  for (const [field, val] of [['kind', o.kind], ['apiVersion', o.apiVersion], ['metadata.name', md.name]] as const) {
    if (val !== undefined && val !== null && typeof val !== 'string') throw new HelmError(`YAML parse error on ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(val)} into Go struct field ${field === 'metadata.name' ? '.metadata.name' : 'SimpleHead.' + field} of type string`, source);
  }
  for (const val of Object.values(ann)) {
    if (val !== null && typeof val !== 'string') throw new HelmError(`YAML parse error on ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(val)} into Go struct field .metadata.annotations of type string`, source);
  }
  return { kind: typeof o.kind === 'string' ? o.kind : '', name: typeof md.name === 'string' ? md.name : '', annotations: ann };
}

function jsonKind(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : 'string';
}

/** Split, classify and sort rendered templates (NOTES.txt and partials already left out). */
export function sortManifests(templates: ReadonlyArray<RenderedTemplate>, opts: { skipTests?: boolean }): { manifests: ManifestDoc[]; hooks: ManifestDoc[] } {
  const manifests: ManifestDoc[] = [];
  const hooks: ManifestDoc[] = [];
  const sorted = [...templates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of sorted) {
    if (baseName(t.name).startsWith('_')) continue;
    for (const [a, b] of splitManifests(t.text)) {
      const content = t.text.slice(a, b);
      let parsed: ReturnType<typeof parseSection>;
      try { parsed = parseSection(content, t.name); } catch (e) {
        if (e instanceof HelmError) throw new HelmError(e.message, t.file);
        throw e;
      }
      const head = parsed.head;
      const doc: ManifestDoc = { source: t.name, file: t.file, content, segments: sliceSegments(t.map, a, b), kind: head.kind, name: head.name, doc: parsed.doc, lazy: parsed.lazy };
      const hook = head.annotations['helm.sh/hook'];
      if (typeof hook !== 'string') { manifests.push(doc); continue; }
      const events = hook.split(',').map((e) => HOOK_EVENTS.get(e.trim().toLowerCase()));
      if (events.some((e) => e === undefined)) continue;
      doc.hookEvents = events as string[];
      if (opts.skipTests && doc.hookEvents.includes('test')) continue;
      hooks.push(doc);
    }
  }
  return { manifests: sortByKind(manifests), hooks: sortByKind(hooks) };
}

function baseName(p: string): string { return p.slice(p.lastIndexOf('/') + 1); }

export function sortByKind(docs: ManifestDoc[]): ManifestDoc[] {
  const rank = new Map(INSTALL_ORDER.map((k, i) => [k, i]));
  return docs.map((d, i) => ({ d, i })).sort((x, y) => {
    const a = rank.get(x.d.kind);
    const b = rank.get(y.d.kind);
    if (a === undefined && b === undefined) return x.d.kind === y.d.kind ? x.i - y.i : x.d.kind < y.d.kind ? -1 : 1;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return a - b || x.i - y.i;
  }).map((x) => x.d);
}

export interface CrdFile { source: string; file: string; text: string }

/**
 * The text `helm template` prints, with its source map, and each printed document already composed (`docs`, for
 * the engine: see PreparedDoc) unless one was not (then the engine parses the text).
 */
export function assemble(crds: ReadonlyArray<CrdFile>, manifests: ReadonlyArray<ManifestDoc>, hooks: ReadonlyArray<ManifestDoc>): { text: string; map: SourceMap; docs?: PreparedDoc[] } {
  let text = '';
  const segs: Segment[] = [];
  // where each section starts in `text`, and its documents
  const sections: Array<{ at: number; text: string; docs?: Array<Document.Parsed | LazySection> }> = [];
  const add = (source: string, body: string, bodySegs: ReadonlyArray<Segment>, docs: Array<Document.Parsed | LazySection> | undefined) => {
    const section = sectionText(source, body);
    sections.push({ at: text.length, text: section, docs });
    const bodyAt = text.length + section.length - body.length - 1;
    for (const s of bodySegs) segs.push({ ...s, start: s.start + bodyAt, end: s.end + bodyAt });
    text += section;
  };
  for (const c of crds) add(c.source, c.text, [{ start: 0, end: c.text.length, origin: { kind: 'text', file: c.file, offset: 0 } }], crdDocs(sectionText(c.source, c.text)));
  const docsOf = (m: ManifestDoc) => (m.doc ? [m.doc] : m.lazy ? [m.lazy] : undefined);
  for (const m of manifests) add(m.source, m.content, m.segments, docsOf(m));
  // the release manifest is trimmed, then printed with a line break
  const [a, b] = trimBounds(text, 0, text.length);
  const kept = segs.filter((s) => s.end > a && s.start < b).map((s) => clip(s, a, b));
  text = text.slice(a, b) + '\n';
  for (const s of sections) s.at -= a;
  segs.length = 0;
  segs.push(...kept);
  for (const h of hooks) add(h.source, h.content, h.segments, docsOf(h));
  return { text, map: new SourceMap(segs), docs: preparedDocs(text, sections) };
}

/** A CRD file's documents as the engine would split them, or undefined when it has a YAML error. */
function crdDocs(section: string): Document.Parsed[] | undefined {
  const docs = parseAllDocuments(section, PARSE_OPTIONS) as unknown;
  if (!Array.isArray(docs)) return undefined;
  for (const d of docs as Document.Parsed[]) if (d.errors.length) return undefined;
  return docs as Document.Parsed[];
}

/** The composed documents in text order, placed; undefined unless every section is composed and printed as composed. */
function preparedDocs(text: string, sections: ReadonlyArray<{ at: number; text: string; docs?: ReadonlyArray<Document.Parsed | LazySection> }>): PreparedDoc[] | undefined {
  const out: PreparedDoc[] = [];
  for (const s of sections) {
    // the header where the section was placed (the whole section: flattening the text costs a 2 MB copy here)
    if (!s.docs || !text.startsWith(s.text.slice(0, s.text.indexOf('\n', 4) + 1), s.at)) return undefined;
    for (const doc of s.docs) {
      // a lazy section is one document that starts with its header's `---`, at the section's start
      if ('compose' in doc) out.push({ start: s.at, end: 0, base: s.at, head: doc.head, compose: doc.compose });
      else out.push({ start: s.at + doc.range[0], end: 0, doc, base: s.at });
    }
  }
  for (let i = 0; i < out.length; i++) out[i].end = i + 1 < out.length ? out[i + 1].start : text.length;
  return out;
}

function clip(s: Segment, a: number, b: number): Segment {
  const start = Math.max(s.start, a);
  const end = Math.min(s.end, b);
  const origin = s.origin.kind === 'text' ? { ...s.origin, offset: s.origin.offset + (start - s.start) } : s.origin;
  return { ...s, start: start - a, end: end - a, origin };
}
