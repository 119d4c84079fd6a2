import { RuleContext, type K8sObject } from './context';
import { planFix } from './fix';
import { parseDocument } from 'yaml';
import { API_VERSION_RE, CUSTOM_RESOURCE, KIND_RE, YAML_OPTIONS, blocksLint, fastValue, hasDuplicateKeys, isCustomApiVersion, isRecord, parseManifest, type DuplicateKey, type ParsedDoc, type ParsedFile } from './parse';
import { rangeForPath } from './paths';
import { valueSpanOffsets } from './value-span';
import { breakCycles } from './walk';
import { annotationSuppresses, isSuppressed, parseDirectives } from './suppress';
import { POD_SPEC_KINDS } from './workloads';
import type { Finding, ParseErrorInfo, Path, Rule } from './types';
import type { Severity } from './taxonomy';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
  /** The severity was set in the configuration: it overrides a finding's own (ReportDescriptor.severity). */
  configured?: boolean;
}

export interface RuleSet {
  rules: ActiveRule[];
  /** Kinds the active rules judge or look up; documents of other kinds are never composed. Undefined = all. */
  kinds?: ReadonlySet<string>;
  /** Kinds the rules only look up and never judge: composed on first use (see ParseOptions.lazy). */
  lazy?: ReadonlySet<string>;
  /** Extra suppression hook (e.g. peer tools' annotations), consulted per finding. */
  suppressedBy?: (rule: Rule, object: K8sObject) => boolean;
  /**
   * Rules whose findings are kept, marked `yielded`, where they yield to another finding instead of being dropped:
   * for a caller that judges more than it shows (the report's Pod Security level rests on the PSS rules' findings).
   */
  keepYielded?: ReadonlySet<string>;
}

export function makeRuleSet(rules: ActiveRule[], suppressedBy?: RuleSet['suppressedBy']): RuleSet {
  const kinds = new Set<string>();
  const read = new Set<string>();
  let all = false;
  for (const { rule } of rules) {
    for (const k of rule.meta.appliesTo) {
      if (k === '*') all = true;
      else if (k === 'podSpec') POD_SPEC_KINDS.forEach((x) => kinds.add(x));
      else kinds.add(k);
    }
    // kinds a rule reads are read in every file: the object it reads (a CRD, a ServiceAccount) may sit in
    // another file than the one it judges (the CLI's scan, the editor's workspace index)
    for (const k of rule.meta.reads ?? []) {
      if (k === '*') all = true;
      else if (k === 'podSpec') POD_SPEC_KINDS.forEach((x) => read.add(x));
      else read.add(k);
    }
  }
  if (all) return { rules, suppressedBy };
  // a kind only read is composed when a rule looks at it; one that is also judged is composed anyway
  const lazy = new Set([...read].filter((k) => !kinds.has(k)));
  return { rules, kinds: new Set([...kinds, ...lazy]), lazy, suppressedBy };
}

export interface LintResult {
  parsed: ParsedFile;
  findings: Finding[];
  errors: ParseErrorInfo[];
}

export function lintText(text: string, set: RuleSet): LintResult {
  const parsed = parseManifest(text, { kinds: set.kinds, lazy: set.lazy });
  if (parsed.fatal) return { parsed, findings: [], errors: [parsed.fatal] };
  const findings: Finding[] = [];
  const errors: ParseErrorInfo[] = [];
  // Cross-object rules (meta.reads) see every object of the file, not just their own document.
  const all = set.rules.some((r) => r.rule.meta.reads?.length)
    ? parsed.docs.flatMap((pd) => ((pd.doc || pd.lazy) && !blocksLint(pd) ? objectsOf(pd) : []))
    : undefined;
  for (const pd of parsed.docs) {
    errors.push(...pd.errors);
    findings.push(...lintDocument(parsed, pd, set, all));
  }
  return { parsed, findings, errors };
}

/** The Kubernetes objects in one document: the root object, or each item of a `kind: List`. */
export function objectsOf(pd: ParsedDoc, file?: string): K8sObject[] {
  if (pd.objects) return pd.objects;
  pd.objects = computeObjects(pd);
  if (file) for (const o of pd.objects) o.file = file;
  return pd.objects;
}

function computeObjects(pd: ParsedDoc): K8sObject[] {
  if (pd.lazy && !pd.doc) {
    const o = lazyObject(pd, pd.lazy.text);
    return o ? [o] : [];
  }
  const v = pd.value;
  if (!isRecord(v)) return [];
  if (v.kind === 'List' && Array.isArray(v.items)) {
    const out: K8sObject[] = [];
    v.items.forEach((it, i) => {
      const o = asObject(it, ['items', i]);
      if (o) out.push(o);
    });
    return out;
  }
  const o = asObject(v, []);
  return o ? [o] : [];
}

function asObject(v: unknown, path: Path): K8sObject | undefined {
  if (!isRecord(v)) return undefined;
  const { apiVersion, kind } = v;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !API_VERSION_RE.test(apiVersion) || !KIND_RE.test(kind)) return undefined;
  const metadata = isRecord(v.metadata) ? v.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  return { apiVersion, kind, name, namespace, value: v, metadata, path };
}

/**
 * The object of a lazy document (see ParsedDoc.lazy): apiVersion and kind come from the document's head;
 * `name`, `namespace`, `value` and `metadata` compose the document's text on first access. They are own,
 * enumerable accessors, so copying or serialising the object (worker threads) composes it too. A document
 * that turns out broken gives an object with no fields, so lookups find nothing in it.
 */
function lazyObject(pd: ParsedDoc, text: string): K8sObject | undefined {
  if (!API_VERSION_RE.test(pd.apiVersion!) || !KIND_RE.test(pd.kind!)) return undefined;
  const start = pd.start, end = pd.end;
  const ns = pd.lazy?.namespace;
  return deferredObject({ apiVersion: pd.apiVersion!, kind: pd.kind!, name: pd.lazy?.name, ...(ns !== undefined ? { namespace: ns } : {}), start, end }, () => text.slice(start, end));
}

/**
 * Where a lazily composed object's document is: what another thread needs to compose it there, from the same
 * file, only if a rule looks at it (see {@link deferredObject}).
 */
/** `namespace`: known without composing (its producer, kustomize's build, knows it); null: none. */
export interface DeferredHead { apiVersion: string; kind: string; name?: string; namespace?: string | null; start: number; end: number }
const deferredHeads = new WeakMap<object, DeferredHead>();
const deferredSources = new WeakMap<object, () => string | undefined>();

/** The head of an object still uncomposed (a lazy document's), else undefined. */
export function deferredHead(o: K8sObject): DeferredHead | undefined {
  const h = deferredHeads.get(o);
  return h && Object.getOwnPropertyDescriptor(o, 'value')?.get ? h : undefined;
}

/** A backslash escape that can spell a letter or digit (`\x41`, `\u0041`, `\U00000041`) or join two lines. */
const SPELLING_ESCAPE = /\\[xuU\r\n]/;
const WORD = /^[A-Za-z0-9]+$/;

/**
 * Whether a text has something that reads like an alias (`*name`) where a node can start: at a line's start, after
 * `?` or `-` and a space, or after `:`, `[`, `{` or `,` (such an alias may stand for a key or a value). A line starting
 * with `**bold**` reads like one too.
 */
function mayHaveAlias(text: string): boolean {
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const next = text[i + 1];
    if (next === undefined || ' \t\r\n[]{},'.includes(next)) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0) return true;
    const c = text[j];
    if (c === '\n' || c === '\r' || c === ':' || c === '[' || c === '{' || c === ',') return true;
    if (j < i - 1 && (c === '?' || c === '-')) return true;
  }
  return false;
}
/** Per uncomposed object, whether its text has an escape that could spell a letter (ESCAPE) and an alias (ALIAS). */
const indirectTexts = new WeakMap<K8sObject, number>();
const ESCAPE = 1;
const ALIAS = 2;
/** What YAML may put between a key, its `:` and its value: white space and line breaks, comments, tags, a block scalar's header. */
const PAIR_GAP = String.raw`(?:\s|#[^\n]*(?=\n|$)|!<[^>]*>(?=\s)|![^\s[\]{},]*(?=\s)|[|>][-+0-9]*(?=\s))*`;
const pairPatterns = new Map<string, RegExp>();

/**
 * Whether an object may have a mapping key `key` whose value is the string `word` (both words of letters and digits,
 * such as `kind` and a kind), without composing it. False only for an object still uncomposed whose document's text
 * has no backslash escape that could spell a letter, and either has no `word` at all, or has no alias and nowhere
 * writes `key`, an optional quote, a `:` and an optional quote before `word` and no further letter or digit, with
 * only white space, comments, tags or a block scalar's header between (a description that merely mentions the
 * word does not). Composed objects, and those whose text cannot be had, may.
 */
export function mayHoldPair(o: K8sObject, key: string, word: string): boolean {
  if (!deferredHead(o) || !WORD.test(word) || !WORD.test(key)) return true;
  let text: string | undefined;
  try {
    text = deferredSources.get(o)?.();
  } catch {
    return true;
  }
  if (text === undefined) return true;
  if (text.includes(word)) {
    const id = `${key}\n${word}`;
    let re = pairPatterns.get(id);
    if (!re) {
      re = new RegExp(`${key}["']?${PAIR_GAP}:${PAIR_GAP}["']?${word}(?![A-Za-z0-9])`);
      if (pairPatterns.size >= 1024) pairPatterns.clear();
      pairPatterns.set(id, re);
    }
    if (re.test(text)) return true;
  }
  let indirect = indirectTexts.get(o);
  if (indirect === undefined) {
    indirect = (SPELLING_ESCAPE.test(text) ? ESCAPE : 0) | (mayHaveAlias(text) ? ALIAS : 0);
    indirectTexts.set(o, indirect);
  }
  // an alias stands for a node written elsewhere in the text: without the word, only an escape can spell it
  return (indirect & (text.includes(word) ? ESCAPE | ALIAS : ESCAPE)) !== 0;
}

/**
 * An object whose `name` (unless known), `namespace`, `value` and `metadata` compose the document's text (given
 * by `source`) on first access. They are own, enumerable accessors, so copying or serialising the object
 * composes it too. A document that turns out broken, or not of the head's kind, gives an object with no
 * fields, so lookups find nothing in it.
 */
export function deferredObject(head: DeferredHead, source: () => string | undefined): K8sObject {
  const { apiVersion, kind } = head;
  let composed: K8sObject | undefined;
  const get = (): K8sObject => {
    if (composed) return composed;
    let found: K8sObject | undefined;
    try {
      const text = source();
      // most such documents (CRDs) are plain block YAML: their value is read from the text
      const fast = text === undefined ? undefined : fastValue(text);
      const d = text === undefined || fast ? undefined : parseDocument(text, YAML_OPTIONS as never);
      if (fast) found = asObject(fast.value, []);
      else if (d && !d.errors.length && !hasDuplicateKeys(d.contents)) {
        const value: unknown = d.toJS({ maxAliasCount: 100 });
        breakCycles(value);
        found = asObject(value, []);
      }
    } catch {
      found = undefined;
    }
    composed = found && found.apiVersion === apiVersion && found.kind === kind ? found : { apiVersion, kind, name: '', value: {}, metadata: {}, path: [] };
    return composed;
  };
  const o = { apiVersion, kind, path: [] } as unknown as K8sObject;
  // a name read from the document's head is known without composing (CRDs are found by their name)
  const name = head.name;
  if (name !== undefined) o.name = name;
  for (const key of name !== undefined ? (['namespace', 'value', 'metadata'] as const) : (['name', 'namespace', 'value', 'metadata'] as const)) {
    // a namespace known from the head is known without composing too (null: none)
    const ns = head.namespace;
    if (key === 'namespace' && ns !== undefined) {
      Object.defineProperty(o, key, { value: ns ?? undefined, enumerable: true, writable: true, configurable: true });
      continue;
    }
    Object.defineProperty(o, key, {
      enumerable: true,
      configurable: true,
      get: () => get()[key],
      set: (v: unknown) => Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true }),
    });
  }
  deferredHeads.set(o, head);
  deferredSources.set(o, source);
  return o;
}

function duplicatesUnder(d: ReadonlyArray<DuplicateKey>, prefix: Path): DuplicateKey[] {
  return d
    .filter((x) => prefix.every((seg, i) => x.path[i] === seg))
    .map((x) => ({ ...x, path: x.path.slice(prefix.length) }));
}

function applies(rule: Rule, object: { kind: string; apiVersion: string }): boolean {
  const kind = object.kind;
  for (const k of rule.meta.appliesTo) {
    if (k === '*' || k === kind || k === `${kind}@${object.apiVersion}`) return true;
    if (k === 'podSpec' && POD_SPEC_KINDS.includes(kind)) return true;
    if (k === CUSTOM_RESOURCE && isCustomApiVersion(object.apiVersion)) return true;
  }
  return false;
}

/** The active rules that apply to objects of this kind and apiVersion, in the set's order; worked out once per set. */
const byKindPerSet = new WeakMap<RuleSet, Map<string, ActiveRule[]>>();
export function rulesFor(set: RuleSet, object: { kind: string; apiVersion: string }): ReadonlyArray<ActiveRule> {
  let byKind = byKindPerSet.get(set);
  if (!byKind) {
    byKind = new Map();
    byKindPerSet.set(set, byKind);
  }
  const key = `${object.kind}\n${object.apiVersion}`;
  let list = byKind.get(key);
  if (!list) {
    list = set.rules.filter((a) => applies(a.rule, object));
    byKind.set(key, list);
  }
  return list;
}

/** A copy of a rule's goals, made once per rule and shared by its findings. */
const goalsPerRule = new WeakMap<Rule, Finding['goals']>();
function goalsOf(rule: Rule): Finding['goals'] {
  let g = goalsPerRule.get(rule);
  if (!g) goalsPerRule.set(rule, (g = [...rule.meta.goals]));
  return g;
}

/**
 * A message template cut at its `{{name}}` placeholders: text, name, text, ..., text (odd indices are names).
 * Worked out once per template; a scan formats the same few templates tens of thousands of times.
 */
const templates = new Map<string, string[]>();
function templateParts(template: string): string[] {
  let parts = templates.get(template);
  if (!parts) {
    parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    if (templates.size >= 4096) templates.clear();
    templates.set(template, parts);
  }
  return parts;
}

const hasOwn = Object.prototype.hasOwnProperty;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * The message: each `{{name}}` replaced by the finding's data, else the object's `kind` or `name`, else left as
 * written. What `{{name}}` reads is what it reads in `{ kind, name, ...data }` (an own property of that object or
 * one it inherits), without making that object per finding.
 */
function format(template: string, object: { kind: string; name: string }, data: Record<string, string | number> | undefined): string {
  const parts = templateParts(template);
  if (parts.length === 1) return parts[0];
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    let v: string;
    if (data && hasOwn.call(data, k) && propertyIsEnumerable.call(data, k)) v = String(data[k]);
    else if (k === 'kind') v = String(object.kind);
    else if (k === 'name') v = String(object.name);
    else if (k in Object.prototype) v = String(({} as Record<string, unknown>)[k]);
    else v = `{{${k}}}`;
    out += v + parts[i + 1];
  }
  return out;
}

/** Which of a set's rules judge an object in one pass (a scan that judges an object in two passes). */
export type RuleFilter = (rule: Rule, object: K8sObject) => boolean;

/** Whether judging this object looks up other objects (meta.reads, narrowed by meta.readsOthers). */
export function readsOthers(rule: Rule, object: { apiVersion: string; kind: string }): boolean {
  return !!rule.meta.reads?.length && (!rule.meta.readsOthers || rule.meta.readsOthers(object));
}

/** Where a finding would be shown, for a caller's own suppression check ({@link LintDocumentOptions.suppressedAt}). */
export type FindingPlace = Pick<Finding, 'range' | 'offsets' | 'path' | 'docIndex'>;

export interface LintDocumentOptions {
  /**
   * Leave the findings of rules that yield (meta.yieldsTo) in; for a caller that lints a document in several
   * passes and applies {@link dropYielded} to the merged findings itself.
   */
  keepYielded?: boolean;
  /**
   * Suppressions the caller honours itself, after the engine (the comments of the template a rendered finding
   * comes from): consulted for the rules a finding speaks for (ReportDescriptor.absorbs), whose own findings
   * would have been on its place and suppressed there.
   */
  suppressedAt?: (ruleId: string, place: FindingPlace) => boolean;
  /** Only the rules this says yes to judge (a scan that judges an object in two passes). */
  only?: RuleFilter;
}

/** The active rules of a set by id, worked out once per set. */
const byIdPerSet = new WeakMap<RuleSet, Map<string, Rule>>();
function ruleById(set: RuleSet, id: string): Rule | undefined {
  let m = byIdPerSet.get(set);
  if (!m) byIdPerSet.set(set, (m = new Map(set.rules.map((a) => [a.rule.meta.id, a.rule]))));
  return m.get(id);
}

export function lintDocument(parsed: ParsedFile, pd: ParsedDoc, set: RuleSet, all?: ReadonlyArray<K8sObject>, opts: LintDocumentOptions = {}): Finding[] {
  if (!pd.doc || blocksLint(pd)) return [];
  const objects = objectsOf(pd);
  if (!objects.length) return [];
  const directives = pd.comments.length ? parseDirectives(pd.comments, parsed.lines, parsed.text) : [];
  const out: Finding[] = [];
  for (const object of objects) {
    // one reference per object, shared by its findings (findings are read, never changed in place)
    let ref: Finding['object'] | undefined;
    for (const active of rulesFor(set, object)) {
      const { rule } = active;
      if (opts.only && !opts.only(rule, object)) continue;
      if (annotationSuppresses(object.metadata.annotations, rule.meta.id)) continue;
      if (set.suppressedBy?.(rule, object)) continue;
      const dupes = pd.duplicates.length ? duplicatesUnder(pd.duplicates, object.path) : [];
      const ctx = new RuleContext(object, active.options, all ?? objects, dupes);
      try {
        rule.check(ctx);
      } catch (err) {
        pd.errors.push({ code: 'rule-crash', message: `rule ${rule.meta.id} failed on ${object.kind} ${object.name}: ${(err as Error).message}` });
        continue;
      }
      for (const reported of ctx.reports) {
        let r = reported;
        const path = [...object.path, ...r.path];
        const [s, e] = (r.span && valueSpanOffsets(pd.doc, parsed.text, path, r.span, r.at)) || rangeForPath(pd.doc, path, r.at);
        const range = parsed.lines.range(s, e);
        if (directives.length && isSuppressed(directives, rule.meta.id, range.start.line)) continue;
        if (r.absorbs?.length && r.without) {
          // a rule this finding speaks for, suppressed on this place (where its own finding would have been), is
          // suppressed here too: the finding says the rest, or goes when nothing is left
          const place: FindingPlace = { range, offsets: [s, e], path, docIndex: pd.index };
          const off = new Set(r.absorbs.filter((id) => {
            if (annotationSuppresses(object.metadata.annotations, id)) return true;
            const absorbed = set.suppressedBy && ruleById(set, id);
            if (absorbed && set.suppressedBy!(absorbed, object)) return true;
            if (directives.length && isSuppressed(directives, id, range.start.line)) return true;
            return !!opts.suppressedAt?.(id, place);
          }));
          if (off.size) {
            const rest = r.without(off);
            if (!rest) continue;
            r = { messageId: rest.messageId, data: rest.data, fix: rest.fix, severity: rest.severity, path: r.path, at: r.at, span: r.span };
          }
        }
        const tmpl = rule.meta.messages[r.messageId] ?? r.messageId;
        const f: Finding = {
          ruleId: rule.meta.id,
          messageId: r.messageId,
          message: format(tmpl, object, r.data),
          severity: r.severity && !active.configured ? r.severity : active.severity,
          range,
          offsets: [s, e],
          path,
          docIndex: pd.index,
          object: (ref ??= { apiVersion: object.apiVersion, kind: object.kind, name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) }),
          category: rule.meta.category,
          goals: goalsOf(rule),
        };
        if (r.fix) {
          const ops = r.fix.ops.map((op) => ({ ...op, path: [...object.path, ...op.path] }));
          if (planFix(parsed.text, pd.doc, ops, parsed.lines)) f.fix = { ...r.fix, ops };
        }
        out.push(f);
      }
    }
  }
  return out.length > 1 && !opts.keepYielded ? dropYielded(out, set) : out;
}

/**
 * Whether any rule of `set` reports on (or crashes on) an object, judged on its value alone: what lintDocument
 * would find before working out ranges, suppression comments and fixes, for which it needs the document. A
 * caller that no longer holds the document parses it again only when this says so.
 */
export function reportsAny(object: K8sObject, set: RuleSet, all: ReadonlyArray<K8sObject>, duplicates: ReadonlyArray<DuplicateKey>, only?: RuleFilter): boolean {
  for (const active of rulesFor(set, object)) {
    const { rule } = active;
    if (only && !only(rule, object)) continue;
    if (annotationSuppresses(object.metadata.annotations, rule.meta.id)) continue;
    if (set.suppressedBy?.(rule, object)) continue;
    const ctx = new RuleContext(object, active.options, all, duplicates.length ? duplicatesUnder(duplicates, object.path) : []);
    try {
      rule.check(ctx);
    } catch {
      return true;
    }
    if (ctx.reports.length) return true;
  }
  return false;
}

/**
 * Drops the findings of rules that yield (meta.yieldsTo) to another rule's finding on the same range. The engine
 * applies it per document; a caller that lints one document in several passes (the language server's local and
 * cross-object passes) applies it again to the merged findings.
 */
const yieldsPerSet = new WeakMap<RuleSet, Map<string, ReadonlyArray<string>>>();
export function dropYielded(findings: Finding[], set: RuleSet): Finding[] {
  let yields = yieldsPerSet.get(set);
  if (!yields) {
    yields = new Map();
    for (const { rule } of set.rules) if (rule.meta.yieldsTo?.length) yields.set(rule.meta.id, rule.meta.yieldsTo);
    yieldsPerSet.set(set, yields);
  }
  if (!yields.size) return findings;
  let any = false;
  for (const f of findings) {
    if (!f.yielded && yields.has(f.ruleId)) {
      any = true;
      break;
    }
  }
  if (!any) return findings;
  // a rule yields to another rule (`id`) or to one of its messages only (`id:messageId`) on the same range; a
  // yielded finding never absorbs another one (only shown findings count as the place's explanation)
  const shownAt = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.yielded) continue;
    const k = `${f.offsets[0]}:${f.offsets[1]}`;
    const list = shownAt.get(k);
    if (list) list.push(f);
    else shownAt.set(k, [f]);
  }
  const out: Finding[] = [];
  for (const f of findings) {
    const ids = f.yielded ? undefined : yields.get(f.ruleId);
    if (!ids || !yieldsTo(ids, shownAt.get(`${f.offsets[0]}:${f.offsets[1]}`))) out.push(f);
    else if (set.keepYielded?.has(f.ruleId)) out.push({ ...f, yielded: true });
  }
  return out;
}

function yieldsTo(ids: ReadonlyArray<string>, shown: ReadonlyArray<Finding> | undefined): boolean {
  if (!shown) return false;
  for (const id of ids) {
    for (const s of shown) if (id === s.ruleId || (id.startsWith(s.ruleId) && id === `${s.ruleId}:${s.messageId}`)) return true;
  }
  return false;
}
