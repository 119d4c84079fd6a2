import { CUSTOM_RESOURCE, POD_SPEC_KINDS, blocksLint, checkText, dropYielded, isCustomApiVersion, lintDocument, makeRuleSet, objectsOf, parseManifest, type ActiveRule, type Finding, type K8sObject, type ObjectRef, type ParsedFile, type ParseErrorInfo, type RuleSet } from '../engine';
import { countLines, detach, splitChunks } from './chunks';
import { ObjectIndex } from './object-index';
import type { ChangedSpan, TextSource } from './text-buffer';

/** What one chunk (one YAML document, usually) yields, in coordinates local to the chunk. */
export interface ChunkEntry {
  /** The chunk's text (a detached copy): the cache key, and what code actions re-parse. */
  text: string;
  /** Line breaks in the chunk, so later chunks know their first line. */
  lines: number;
  /** YAML documents the engine found in the chunk. */
  docs: number;
  /** Findings of the rules that read only their own object (all rules when linted whole). */
  findings: Finding[];
  errors: ParseErrorInfo[];
  fatal?: ParseErrorInfo;
  /** The chunk's objects of the kinds cross-object rules read (what the workspace index holds). */
  objects: K8sObject[];
  /** Every object the rules judged in the chunk (lazily read ones aside): the posture report counts them. */
  refs?: ObjectRef[];
  /** Kept only when a cross-object rule applies to an object of the chunk: the cross pass lints it again. */
  parsed?: ParsedFile;
  /**
   * Cross-object findings (and rule crashes) for the rule set `key`; `generation` is the index generation they
   * were last found different in (it changes when they change). `runs`: per cross-object rule (in the order of
   * `crossRules`), its findings and the index stamp of the kinds it reads they were computed with.
   */
  cross?: { generation: number; key: string; findings: Finding[]; errors: ParseErrorInfo[]; runs?: CrossRun[] };
}

/** One cross-object rule's findings on one chunk, for one stamp of the kinds the rule reads. */
export interface CrossRun { stamp: number; findings: Finding[]; errors: ParseErrorInfo[] }

/** A chunk placed in one version of the file. */
export interface PlacedChunk { start: number; end: number; line: number; docBase: number; entry: ChunkEntry }

export interface DocResult {
  version: number;
  /** Identifies the rule set the result was computed with. */
  key: string;
  /** Generation of the workspace index the cross-object findings were computed with. */
  indexGeneration: number;
  /** Changes whenever the cross-object findings (or their errors) of this document change. */
  crossStamp: number;
  chunks: PlacedChunk[];
  /** Findings in file coordinates (ranges, offsets and docIndex shifted). */
  findings: Finding[];
  errors: ParseErrorInfo[];
  /** Chunks linted in this run (the rest came from the cache). */
  linted: number;
}

/** The rule set to finish a lint with, asked once the document's objects are in the index. */
export type Refine = () => { set: RuleSet; key: string; localKey: string };

/** Thrown when the work was superseded (newer version, cancelled request). */
export class Superseded extends Error {
  constructor(readonly reason: 'cancelled' | 'changed') { super(`lint ${reason}`); }
}

const ranks = new WeakMap<RuleSet, Map<string, number>>();

function ruleRank(set: RuleSet): Map<string, number> {
  let r = ranks.get(set);
  if (!r) ranks.set(set, (r = new Map(set.rules.map((a, i) => [a.rule.meta.id, i]))));
  return r;
}

/** Position of a finding's object in its document (an item of a `kind: List`, or the document itself). */
function objectIndex(f: Finding): number {
  return f.path[0] === 'items' && typeof f.path[1] === 'number' ? f.path[1] : -1;
}

/** A rule set cut in two: rules that read only their own object, and cross-object rules (`meta.reads`). */
export interface SplitSet {
  local: RuleSet;
  cross?: RuleSet;
  /** Objects the workspace index keeps: the kinds cross-object rules read. */
  indexed: (o: K8sObject) => boolean;
  /** Objects a cross-object rule applies to: their chunks keep their parse for the cross pass. */
  applies: (o: K8sObject) => boolean;
}

const splits = new WeakMap<RuleSet, SplitSet>();

function kindTest(kinds: Iterable<string>): (o: K8sObject) => boolean {
  const set = new Set<string>();
  let any = false;
  let custom = false;
  for (const k of kinds) {
    if (k === '*') any = true;
    else if (k === 'podSpec') POD_SPEC_KINDS.forEach((x) => set.add(x));
    else if (k === CUSTOM_RESOURCE) custom = true;
    else set.add(k);
  }
  if (any) return () => true;
  return (o) => set.has(o.kind) || set.has(`${o.kind}@${o.apiVersion}`) || (custom && isCustomApiVersion(o.apiVersion));
}

export function splitRuleSet(set: RuleSet): SplitSet {
  let s = splits.get(set);
  if (s) return s;
  const local: ActiveRule[] = [];
  const cross: ActiveRule[] = [];
  for (const r of set.rules) (r.rule.meta.reads?.length ? cross : local).push(r);
  s = {
    local: cross.length ? makeRuleSet(local, set.suppressedBy) : set,
    cross: cross.length ? makeRuleSet(cross, set.suppressedBy) : undefined,
    indexed: kindTest(cross.flatMap((r) => r.rule.meta.reads ?? [])),
    applies: kindTest(cross.flatMap((r) => r.rule.meta.appliesTo)),
  };
  splits.set(set, s);
  return s;
}

/**
 * Lints one chunk; parse errors count only in documents that look like Kubernetes objects. `whole`: run every
 * rule, cross-object rules seeing the chunk's own objects (the scan of a closed file); otherwise only the rules
 * that read their own object, and the chunk keeps what the cross pass needs.
 */
export function lintChunk(text: string, set: RuleSet, file?: string, whole = false): ChunkEntry {
  const lines = countLines(text, 0, text.length);
  const parsed = parseManifest(text, { kinds: set.kinds, lazy: set.lazy });
  if (parsed.fatal) return { text, lines, docs: 0, findings: [], errors: [], fatal: parsed.fatal, objects: [] };
  const split = splitRuleSet(set);
  const mine = parsed.docs.flatMap((pd) => ((pd.doc || pd.lazy) && !blocksLint(pd) ? objectsOf(pd, file) : []));
  const findings: Finding[] = [];
  for (const pd of parsed.docs) findings.push(...lintDocument(parsed, pd, whole ? set : split.local, whole ? mine : undefined));
  const errors: ParseErrorInfo[] = [];
  for (const pd of parsed.docs) {
    if (!pd.errors.length) continue;
    if (pd.kind === undefined && pd.apiVersion === undefined && !pd.errors.some((e) => e.code === 'rule-crash')) continue;
    for (const e of pd.errors) errors.push(e.range ? e : { ...e, range: parsed.lines.range(pd.start, pd.start) });
  }
  const entry: ChunkEntry = { text, lines, docs: parsed.docs.length, findings, errors, objects: split.cross ? mine.filter(split.indexed) : [] };
  entry.refs = mine.filter((o) => !Object.getOwnPropertyDescriptor(o, 'value')?.get).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) }));
  if (!whole && split.cross && mine.some(split.applies)) entry.parsed = parsed;
  return entry;
}

/** The cross-object rules over one chunk, with every object of the index visible. */
export function crossLint(entry: ChunkEntry, cross: RuleSet, all: ReadonlyArray<K8sObject>, opts: { keepYielded?: boolean } = {}): { findings: Finding[]; errors: ParseErrorInfo[] } {
  const parsed = entry.parsed!;
  const findings: Finding[] = [];
  const errors: ParseErrorInfo[] = [];
  for (const pd of parsed.docs) {
    if (!pd.doc) continue;
    // the local pass may have recorded rule crashes; they do not stop the cross-object rules (parse errors do)
    const saved = pd.errors;
    if (saved.some((e) => e.code !== 'rule-crash')) continue;
    pd.errors = [];
    try {
      findings.push(...lintDocument(parsed, pd, cross, all, opts));
      for (const e of pd.errors) errors.push(e.range ? e : { ...e, range: parsed.lines.range(pd.start, pd.start) });
    } finally {
      pd.errors = saved;
    }
  }
  return { findings, errors };
}

const mergedOf = new WeakMap<ChunkEntry, { cross: ChunkEntry['cross']; set: RuleSet; findings: Finding[] }>();

/**
 * A chunk's own-object and cross-object findings in one list, in chunk coordinates: kept with the chunk while its
 * cross-object findings stay the same object, so an edit elsewhere does not sort and filter every chunk again.
 */
function merged(e: ChunkEntry, cross: NonNullable<ChunkEntry['cross']>, set: RuleSet): Finding[] {
  const m = mergedOf.get(e);
  if (m && m.cross === cross && m.set === set) return m.findings;
  // the engine's order: document, object, then rule order of the set
  const rank = ruleRank(set);
  const own = [...e.findings, ...cross.findings];
  own.sort((a, b) => a.docIndex - b.docIndex || objectIndex(a) - objectIndex(b) || (rank.get(a.ruleId) ?? 0) - (rank.get(b.ruleId) ?? 0));
  // a local rule may yield to a cross-object rule's finding (default-service-account to the token's)
  const findings = dropYielded(own, set);
  mergedOf.set(e, { cross, set, findings });
  return findings;
}

/** A cross-object rule and the kinds it reads (as a test on kind and apiVersion). */
interface CrossRule { id: string; active: ActiveRule; reads: (o: K8sObject) => boolean }

const crossRulesOf = new WeakMap<RuleSet, { rules: CrossRule[]; subsets: Map<string, RuleSet> }>();

function crossRules(cross: RuleSet): { rules: CrossRule[]; subsets: Map<string, RuleSet> } {
  let c = crossRulesOf.get(cross);
  if (!c) crossRulesOf.set(cross, (c = { rules: cross.rules.map((a) => ({ id: a.rule.meta.id, active: a, reads: kindTest(a.rule.meta.reads ?? []) })), subsets: new Map() }));
  return c;
}

/** The rules of `cross` at positions `which` (ascending), as a rule set of their own (kept per set). */
function subsetOf(cross: RuleSet, which: ReadonlyArray<number>): RuleSet {
  const c = crossRules(cross);
  if (which.length === c.rules.length) return cross;
  const k = which.join(',');
  let s = c.subsets.get(k);
  if (!s) c.subsets.set(k, (s = makeRuleSet(which.map((i) => c.rules[i].active), cross.suppressedBy)));
  return s;
}

/**
 * The cross-object findings of one chunk for the current index: the rules whose read kinds changed since their
 * last run on this chunk (all of them for a new chunk or rule set) run again, the others keep their findings.
 * Equal to `crossLint(entry, cross, all)`.
 */
function crossOf(e: ChunkEntry, cross: RuleSet, key: string, index: ObjectIndex): NonNullable<ChunkEntry['cross']> {
  const { rules } = crossRules(cross);
  const prev = e.cross && e.cross.key === key && e.cross.runs?.length === rules.length ? e.cross : undefined;
  const stamps = rules.map((r) => index.stampOf(r.reads));
  const stale: number[] = [];
  for (let i = 0; i < rules.length; i++) if (!prev || prev.runs![i].stamp !== stamps[i]) stale.push(i);
  if (prev && !stale.length) return prev;
  const found = crossLint(e, subsetOf(cross, stale), index.all(), { keepYielded: true });
  const runs = prev ? [...prev.runs!] : new Array<CrossRun>(rules.length);
  for (const i of stale) {
    const id = rules[i].id;
    const crash = `rule ${id} failed on `;
    runs[i] = { stamp: stamps[i], findings: found.findings.filter((f) => f.ruleId === id), errors: found.errors.filter((x) => x.message.startsWith(crash)) };
  }
  // the order crossLint gives: document, object, then rule order (each rule's own order kept)
  const merged = runs.flatMap((r) => r.findings).sort((a, b) => a.docIndex - b.docIndex || objectIndex(a) - objectIndex(b));
  const findings = merged.length > 1 ? dropYielded(merged, cross) : merged;
  const errors = runs.flatMap((r) => r.errors);
  if (prev && sameFindings(prev.findings, findings) && sameErrors(prev.errors, errors)) {
    prev.runs = runs;
    return prev;
  }
  return { generation: index.generation, key, findings, errors, runs };
}

/** Equal findings (a rule run again on an unchanged chunk finds equal ones, as new objects). */
function sameFindings(a: ReadonlyArray<Finding>, b: ReadonlyArray<Finding>): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i] || JSON.stringify(f) === JSON.stringify(b[i]));
}

function sameErrors(a: ReadonlyArray<ParseErrorInfo>, b: ReadonlyArray<ParseErrorInfo>): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i] || JSON.stringify(e) === JSON.stringify(b[i]));
}

function shiftFinding(f: Finding, line: number, offset: number, docBase: number): Finding {
  if (!line && !offset && !docBase) return f;
  return {
    ...f,
    range: { start: { line: f.range.start.line + line, character: f.range.start.character }, end: { line: f.range.end.line + line, character: f.range.end.character } },
    offsets: [f.offsets[0] + offset, f.offsets[1] + offset],
    docIndex: f.docIndex + docBase,
  };
}

function shiftError(e: ParseErrorInfo, line: number): ParseErrorInfo {
  if (!e.range || !line) return e;
  return { ...e, range: { start: { line: e.range.start.line + line, character: e.range.start.character }, end: { line: e.range.end.line + line, character: e.range.end.character } } };
}

/** A chunk of the new text: reused from the last result (`entry`), or its text to look up or lint. */
interface LaidChunk { start: number; end: number; entry?: ChunkEntry; text?: string }

function fullLayout(text: string): LaidChunk[] {
  return splitChunks(text).map((c) => ({ start: c.start, end: c.end, text: text.slice(c.start, c.end) }));
}

/**
 * The new text's chunks from the last result's and the span edited since. A chunk boundary is a `---` line: it
 * depends on the line break before it and the four characters from it, so the chunks that end within four
 * characters before the span, or start within one after it, are split again with the span; the rest keep their
 * entries (those after the span moved by the length difference). The result equals splitting the whole new text.
 */
export function relayout(prev: ReadonlyArray<PlacedChunk>, span: ChangedSpan, src: TextSource): LaidChunk[] {
  const n = prev.length;
  if (!n) return fullLayout(src.full());
  if (span.start === span.oldEnd && span.start === span.newEnd) return prev.map((c) => ({ start: c.start, end: c.end, entry: c.entry }));
  let i = 0;
  while (i < n - 1 && prev[i].end < span.start - 4) i++;
  let j = n - 1;
  while (j > i && prev[j].start > span.oldEnd + 1) j--;
  const delta = span.newEnd - span.oldEnd;
  const from = prev[i].start;
  const to = prev[j].end + delta;
  const out: LaidChunk[] = [];
  for (let k = 0; k < i; k++) out.push({ start: prev[k].start, end: prev[k].end, entry: prev[k].entry });
  const region = src.slice(from, to);
  // an emptied region between other chunks holds no chunk (an empty file is one empty chunk)
  if (region.length || (i === 0 && j === n - 1)) {
    for (const c of splitChunks(region)) out.push({ start: c.start + from, end: c.end + from, text: region.slice(c.start, c.end) });
  }
  for (let k = j + 1; k < n; k++) out.push({ start: prev[k].start + delta, end: prev[k].end + delta, entry: prev[k].entry });
  return out;
}

/** Budget of synchronous work before yielding to the event loop (ms). */
const SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Per-document cache. Each chunk's result is kept under the chunk's text (a Map lookup hashes the
 * text and compares it), so an edit re-lints only the chunk it touched; the others are reused and
 * shifted to their new lines and offsets. Cross-object rules run afterwards over the chunks that hold an
 * object they apply to, with the workspace index as `ctx.objects`; their findings are cached per chunk for one
 * index generation, so an edit elsewhere costs only that pass (never a parse).
 */
export class DocLinter {
  private entries = new Map<string, ChunkEntry>();
  /** Chunks linted by runs that were superseded; reused by the next run, dropped on commit. */
  private spare = new Map<string, ChunkEntry>();
  private key = '';
  private localKey = '';
  private crossStamp = 0;
  private crossSig = '';
  /** The binary / nesting guard's error for the whole file, when a chunk tripped it. */
  private guard?: ParseErrorInfo;
  last?: DocResult;
  private inflight?: { version: number; key: string; promise: Promise<DocResult> };

  constructor(private uri = '', private file?: string, private index: ObjectIndex = new ObjectIndex()) {}

  /**
   * Resolves to the result for this version, linting what the cache cannot answer. `localKey` identifies the
   * set's own-object rules: when only the cross-object rules changed (an admission policy was edited), the chunks
   * are reused and only the cross pass runs.
   */
  lint(text: string | TextSource, version: number, set: RuleSet, key: string, stop: () => Superseded | undefined, localKey = key, refine?: Refine): Promise<DocResult> {
    if (this.last && this.last.version === version && this.last.key === key) {
      if (this.last.indexGeneration === this.index.generation) return Promise.resolve(this.last);
      if (!this.inflight) return Promise.resolve(this.finish(this.last.chunks, version, key, set, 0, this.last));
    }
    if (this.inflight && this.inflight.version === version && this.inflight.key === key) {
      // share the running work, but let this caller give up on its own terms
      const shared = this.inflight.promise;
      return shared.then(
        (r) => {
          const s = stop();
          if (s) throw s;
          return r;
        },
        (e: unknown) => {
          // the run we joined was given up by its own caller; this caller may still want the result
          if (e instanceof Superseded && !stop()) return this.lint(text, version, set, key, stop, localKey, refine);
          throw e;
        },
      );
    }
    const promise = this.run(text, version, set, key, localKey, stop, refine);
    const mine = { version, key, promise };
    this.inflight = mine;
    const clear = () => { if (this.inflight === mine) this.inflight = undefined; };
    promise.then(clear, clear);
    return promise;
  }

  private async run(src: string | TextSource, version: number, set: RuleSet, key: string, localKey: string, stop: () => Superseded | undefined, refine?: Refine): Promise<DocResult> {
    const reset = localKey !== this.localKey;
    if (reset) {
      this.entries.clear();
      this.spare.clear();
      this.localKey = localKey;
    }
    this.key = key;
    // the chunks of the last result, moved past the span edited since; only the span's chunks are split anew
    const base = !reset && typeof src !== 'string' ? this.last : undefined;
    const span = base && typeof src !== 'string' ? src.changedSince(base.version) : undefined;
    const chunks = base && span && typeof src !== 'string' ? relayout(base.chunks, span, src) : fullLayout(typeof src === 'string' ? src : src.full());
    const next = new Map<string, ChunkEntry>();
    const placed: PlacedChunk[] = [];
    let line = 0;
    let docBase = 0;
    let linted = 0;
    let sliceStart = Date.now();
    for (const c of chunks) {
      if (c.entry) {
        next.set(c.entry.text, c.entry);
        placed.push({ start: c.start, end: c.end, line, docBase, entry: c.entry });
        line += c.entry.lines;
        docBase += c.entry.docs;
        continue;
      }
      const slice = c.text!;
      let entry = this.entries.get(slice) ?? this.spare.get(slice) ?? next.get(slice);
      if (!entry) {
        if (Date.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          const s = stop();
          if (s) throw s;
          if (key !== this.key) throw new Superseded('changed');
          sliceStart = Date.now();
        }
        const own = detach(slice);
        entry = lintChunk(own, set, this.file);
        linted++;
        this.spare.set(own, entry);
        next.set(own, entry);
      } else if (!next.has(slice)) {
        next.set(entry.text, entry);
      }
      placed.push({ start: c.start, end: c.end, line, docBase, entry });
      line += entry.lines;
      docBase += entry.docs;
    }
    const s = stop();
    if (s) throw s;
    if (key !== this.key) throw new Superseded('changed');
    this.entries = next;
    this.spare.clear();
    // this version's objects replace the previous version's in the workspace index
    this.index.setOpen(this.uri, placed.map((p) => p.entry.objects));
    let fatal = false;
    for (const p of placed) if (p.entry.fatal) fatal = true;
    // the guard's message names a line; take it from the whole file so the number is right
    this.guard = fatal ? checkText(typeof src === 'string' ? src : src.full()) : undefined;
    // the new objects may change the cross-object rules (an edited admission policy): the cross pass runs once,
    // with the rules of this version, when the own-object rules stay the same
    const better = refine?.();
    if (better && better.key !== key && better.localKey === localKey) {
      set = better.set;
      key = better.key;
      this.key = key;
    }
    // the same chunks at the same places as the last result (only the cross-object rules changed): when their
    // findings did not change either, the last result (and the diagnostics built from it) stands
    const last = this.last;
    const same = !linted && !!last && last.version === version && last.chunks.length === placed.length && last.chunks.every((c, i) => c.entry === placed[i].entry && c.start === placed[i].start);
    return this.finish(same ? last.chunks : placed, version, key, set, linted, same ? last : undefined);
  }

  /** Runs (or reuses) the cross pass for the current index generation and assembles the result. */
  private finish(placed: PlacedChunk[], version: number, key: string, set: RuleSet, linted: number, prev?: DocResult): DocResult {
    const generation = this.index.generation;
    const cross = splitRuleSet(set).cross;
    const crossFindings = new Map<PlacedChunk, NonNullable<ChunkEntry['cross']>>();
    const crossErrors: ParseErrorInfo[] = [];
    let sig = '';
    if (cross) {
      for (const p of placed) {
        const e = p.entry;
        if (!e.parsed) continue;
        e.cross = crossOf(e, cross, key, this.index);
        crossFindings.set(p, e.cross);
        // in file offsets, as the findings will be shown
        for (const f of e.cross.findings) sig += `${f.ruleId}\0${f.offsets[0] + p.start}\0${f.offsets[1] + p.start}\0${f.severity}\0${f.message}\n`;
        for (const x of e.cross.errors) {
          crossErrors.push(shiftError(x, p.line));
          sig += `!${x.message}\n`;
        }
      }
    }
    if (prev && sig === this.crossSig) {
      // nothing this document shows changed: keep the result (and the diagnostics built from it)
      prev.indexGeneration = generation;
      prev.key = key;
      this.last = prev;
      return prev;
    }
    if (sig !== this.crossSig) {
      this.crossSig = sig;
      this.crossStamp++;
    }
    const findings: Finding[] = [];
    const errors: ParseErrorInfo[] = [];
    if (this.guard) errors.push(this.guard);
    for (const p of placed) {
      const c = crossFindings.get(p);
      const own = c?.findings.length ? merged(p.entry, c, set) : p.entry.findings;
      for (const f of own) findings.push(shiftFinding(f, p.line, p.start, p.docBase));
      for (const e of p.entry.errors) errors.push(shiftError(e, p.line));
    }
    errors.push(...crossErrors);
    const result: DocResult = { version, key, indexGeneration: generation, crossStamp: this.crossStamp, chunks: placed, findings, errors, linted };
    this.last = result;
    return result;
  }

  /** The chunk of the last result holding a finding with this docIndex. */
  chunkOfDoc(docIndex: number): PlacedChunk | undefined {
    return this.last?.chunks.find((c) => docIndex >= c.docBase && docIndex < c.docBase + c.entry.docs);
  }
}
