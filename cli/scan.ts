import { readFileSync, statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { serialize, deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { readsOthers, rulesFor, deferredObject, deferredHead, isCustomApiVersion, CUSTOM_RESOURCE, POD_SPEC_KINDS, blocksLint, decodeBytes, yamlSyntaxErrors, lintDocument, objectsOf, parseManifest, makeRuleSet, resolveRules, reportsAny, dropYielded, type Config, type DeferredHead, type Finding, type Fix, type K8sObject, type LineIndex, type ObjectRef, type ParsedDoc, type ParsedFile, type ParseOptions, type Range, type Rule, type RuleSet } from '../engine';
import { diskFs, readRegularFile } from '../host';
import { skipReason, type SkipReason } from '../render';
import { rules } from '../rules';
import { lintPlan, planRenders, splitBySourceHeaders } from './rendered';
import { policiesOf, type PolicyRecipe } from './policies';
import type { RenderOptions } from '../render';
import { piece, sendable, type Piece, type PieceSpec } from './format';

export interface ErrorEntry { file: string; message: string; range?: Range }

/** `skipped`: why the file was not linted (then it has no findings); see render/skip.ts. */
export interface FileResult { file: string; findings: Finding[]; errors: ErrorEntry[]; skipped?: SkipReason; objects?: ObjectRef[] }

export interface ScanResult {
  files: number;
  results: FileResult[];
  /** Objects each chart or kustomization rendered (the report counts those without findings too). */
  rendered?: Array<{ source: string; objects: ObjectRef[] }>;
}

export interface ScanSettings {
  config?: Config;
  profile?: string;
  maxFileSize?: number;
  /** Rule ids to run whatever the profile and config say (the report's PSS verdicts); default severity. */
  alsoRules?: string[];
  /** Render flags applied to every chart/kustomization the scan finds, and configured kustomization roots. */
  render?: RenderOptions;
  kustomizeRoots?: string[];
  /** The folder of the `.kubehex.yaml` in `config` (its chart folders and roots are relative to it). */
  configDir?: string;
  /**
   * The results are only written as a report (JSON, SARIF, stylish): a finding's fix is kept as its safety alone
   * (what the reports read), not its operations, while the finding waits for the rest of the scan.
   */
  lean?: boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** What a lean result keeps of a fix (see ScanSettings.lean): shared by every finding. */
const LEAN_FIX: Record<Fix['safety'], Fix> = {
  safe: Object.freeze({ title: '', safety: 'safe', ops: Object.freeze([]) as unknown as Fix['ops'] }),
  review: Object.freeze({ title: '', safety: 'review', ops: Object.freeze([]) as unknown as Fix['ops'] }),
};

/** A file's findings with each fix cut down to its safety (ScanSettings.lean), in place. */
function leanResult(r: FileResult): FileResult {
  for (const f of r.findings) if (f.fix) f.fix = LEAN_FIX[f.fix.safety];
  return r;
}

export interface Loaded {
  file: string;
  parsed?: ParsedFile;
  /** The objects the built-in rules see. */
  objects: K8sObject[];
  result: FileResult;
  /** With admission policies in the same pass: every object of the file (what the policies see). */
  wide?: K8sObject[];
}

export function ruleSetFor(s: ScanSettings): RuleSet {
  const set = resolveRules(rules, s.config, s.profile);
  if (!s.alsoRules?.length) return set;
  const have = new Set(set.rules.map((a) => a.rule.meta.id));
  const extra = rules.filter((r) => s.alsoRules!.includes(r.meta.id) && !have.has(r.meta.id));
  // the extra rules (the report's PSS rules) judge even where their finding yields to another rule's
  return { ...makeRuleSet([...set.rules, ...extra.map((rule) => ({ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } }))], set.suppressedBy), keepYielded: new Set(s.alsoRules) };
}

export type Prepared = { text: string; bom: boolean } | { skipped: SkipReason } | { error: ErrorEntry };

/**
 * Read, decode and decide whether the file is linted at all: the one gate that the scan and `--fix` share, so
 * that --fix never writes a file the scan did not lint. `text` is given for standard input.
 */
export function prepareFile(file: string, settings: ScanSettings, text?: string): Prepared {
  const max = settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const fail = (message: string, range?: Range): Prepared => ({ error: range ? { file, message, range } : { file, message } });
  const query = { file: file === '<stdin>' ? file : file.split(sep).join('/'), maxFileSize: max, fs: diskFs(max) };
  let bom = false;
  if (text === undefined) {
    let size: number;
    try { size = statSync(file).size; } catch (err) { return fail(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`); }
    const before = skipReason({ ...query, size });
    if (before) return { skipped: before };
    const read = readRegularFile(file, max);
    if (!read.ok) return read.reason === 'too-large' ? { skipped: 'too-large' } : fail(read.reason === 'not-regular' ? `${read.message}; not read` : read.message);
    bom = read.bytes[0] === 0xef && read.bytes[1] === 0xbb && read.bytes[2] === 0xbf;
    const decoded = decodeBytes(read.bytes);
    if (!decoded.ok) return fail(decoded.error.message, decoded.error.range);
    text = decoded.text;
  } else if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  const reason = skipReason({ ...query, text });
  return reason ? { skipped: reason } : { text, bom };
}

/**
 * Phase 1 for one file: read, decode, guard, skip what is not linted, parse, collect objects. With `narrow`
 * (a scan that also runs admission policies), the file is parsed once for both rule sets: `set` covers both,
 * `objects` and the errors are what a parse for `narrow` alone would give, and `wide` holds every object.
 */
export function loadFile(file: string, set: RuleSet, settings: ScanSettings, text?: string, narrow?: RuleSet): Loaded {
  const result: FileResult = { file, findings: [], errors: [] };
  const fail = (message: string, range?: Range): Loaded => {
    result.errors.push(range ? { file, message, range } : { file, message });
    return { file, objects: [], result };
  };
  const prepared = prepareFile(file, settings, text);
  if ('error' in prepared) { result.errors.push(prepared.error); return { file, objects: [], result }; }
  if ('skipped' in prepared) { result.skipped = prepared.skipped; return { file, objects: [], result }; }
  let parsed: ParsedFile;
  try {
    parsed = parseManifest(prepared.text, { kinds: set.kinds, lazy: set.lazy, ...(narrow ? { narrow: { kinds: narrow.kinds, lazy: narrow.lazy } } : {}) });
  } catch (err) {
    return fail(`could not parse: ${(err as Error).message}`);
  }
  if (parsed.fatal) return fail(parsed.fatal.message, parsed.fatal.range);
  const objects: K8sObject[] = [];
  const wide: K8sObject[] | undefined = narrow ? [] : undefined;
  let reported = 0;
  for (const pd of parsed.docs) {
    if (pd.narrow !== 'skip') {
      for (const e of pd.errors) {
        if (reported++ < 20) result.errors.push({ file, message: `${e.message}${e.range ? ` (line ${e.range.start.line + 1})` : ''}`, ...(e.range ? { range: e.range } : {}) });
      }
    }
    if ((pd.doc || pd.lazy) && !blocksLint(pd)) {
      const objs = objectsOf(pd, file);
      wide?.push(...objs);
      if (pd.narrow === undefined || pd.narrow === 'lazy') objects.push(...objs);
    }
  }
  if (!result.errors.length && skipReason({ file, maxFileSize: settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, docs: parsed.docs }) === 'not-kubernetes') {
    // no Kubernetes object found: either it is some other YAML, or it is too broken to tell
    for (const e of yamlSyntaxErrors(prepared.text)) result.errors.push({ file, message: `${e.message}${e.range ? ` (line ${e.range.start.line + 1})` : ''}`, ...(e.range ? { range: e.range } : {}) });
    if (!result.errors.length) result.skipped = 'not-kubernetes';
    return { file, objects: [], result };
  }
  return { file, parsed, objects, result, ...(wide ? { wide } : {}) };
}

/**
 * A rule set cut in two: what judges an object right after its parse (rules that read only their own object,
 * and cross-object rules that read no other object for this one: meta.readsOthers), and what judges it once
 * every object of the scan is known (`cross`, filtered by `crossFor`).
 */
interface Split { cross?: RuleSet; applies: (o: K8sObject) => boolean }
const splits = new WeakMap<RuleSet, Split>();
function splitOf(set: RuleSet): Split {
  let s = splits.get(set);
  if (s) return s;
  const cross = set.rules.filter((r) => r.rule.meta.reads?.length);
  const crossSet = cross.length ? makeRuleSet(cross, set.suppressedBy) : undefined;
  const byKind = new Map<string, boolean>();
  s = {
    cross: crossSet,
    applies: (o) => {
      if (!crossSet) return false;
      const key = `${o.kind}\n${o.apiVersion}`;
      let a = byKind.get(key);
      if (a === undefined) byKind.set(key, (a = rulesFor(crossSet, o).some((r) => readsOthers(r.rule, o))));
      return a;
    },
  };
  splits.set(set, s);
  return s;
}

/** Whether any rule of a set judges an object of this kind (the policies' set: see cli/policies.ts policiesOf). */
const appliesTo = (set: RuleSet, o: K8sObject): boolean => rulesFor(set, o).length > 0;

/** Phase 1 judges with every rule that reads no other object for this one; phase 2 with the rest. */
const localFor = (rule: Rule, o: K8sObject): boolean => !readsOthers(rule, o);
const crossFor = (rule: Rule, o: K8sObject): boolean => readsOthers(rule, o);

/**
 * A document that the cross-object rules (or the admission policies) still have to judge once every file is
 * read. Its parse is not kept: its objects are (they are in the index anyway), and the document is parsed
 * again only when a rule reports on one of them (see finishFile).
 */
interface PendingDoc {
  index: number;
  /** Where its text starts (the comments and directives before it included) and ends. */
  from: number;
  start: number;
  end: number;
  kind?: string;
  apiVersion?: string;
  /** Errors of the document that do not stop linting (a recursive alias): a new parse must find as many. */
  errors: number;
  duplicates: ParsedDoc['duplicates'];
  objects: K8sObject[];
  /** The built-in cross-object rules judge it (else only the policies). */
  builtin: boolean;
  policy: boolean;
  /** A small document keeps its parse (parsing it again would cost more than keeping it). */
  kept?: ParsedDoc;
}

/**
 * Pending documents up to this size keep their parse: workloads, Services and RBAC objects, which the
 * cross-object rules and policies report on most, are small; CRDs, most of a large scan's bytes, are not.
 */
const KEEP_DOC_CHARS = 16 * 1024;

/**
 * A file judged right after its parse (phase 1): the findings of the rules that read only their own object,
 * the objects other files' rules may look up (the index) and what is left for phase 2. No parse is kept.
 */
export interface Judged {
  file: string;
  result: FileResult;
  objects: K8sObject[];
  wide?: K8sObject[];
  /** Kept only while a document is pending: what a second parse of one document reads. */
  text?: string;
  lines?: LineIndex;
  parseOptions?: ParseOptions;
  pending: PendingDoc[];
}

/**
 * Phase 1 for one file: load it (see loadFile), run the rules that read only their own object, and drop the
 * parse. `set` is the built-in rule set; `pset` the admission policies' set when they run in the same pass.
 */
export function judgeFile(file: string, parseSet: RuleSet, set: RuleSet, settings: ScanSettings, pset?: RuleSet): Judged {
  const l = loadFile(file, parseSet, settings, undefined, pset && set);
  const j: Judged = { file, result: l.result, objects: l.objects, ...(l.wide ? { wide: l.wide } : {}), pending: [] };
  const parsed = l.parsed;
  if (!parsed) return j;
  const split = splitOf(set);
  const prev: number[] = [];
  for (const pd of parsed.docs) {
    const from = prev.length ? prev[prev.length - 1] : 0;
    prev.push(pd.end);
    if (!pd.doc) continue;
    const lints = !blocksLint(pd);
    const builtin = lints && pd.narrow === undefined;
    if (builtin) {
      try {
        l.result.findings.push(...lintDocument(parsed, pd, set, undefined, { keepYielded: true, only: localFor }));
      } catch (err) {
        l.result.errors.push({ file, message: `internal error while linting: ${(err as Error).message}` });
      }
      for (const e of pd.errors) if (e.code === 'rule-crash') l.result.errors.push({ file, message: e.message });
    }
    const objs = lints ? objectsOf(pd) : [];
    const cross = builtin && !!split.cross && objs.some(split.applies);
    const policy = !!pset && lints && objs.some((o) => appliesTo(pset, o));
    if (!cross && !policy) continue;
    j.pending.push({
      index: pd.index, from, start: pd.start, end: pd.end, kind: pd.kind, apiVersion: pd.apiVersion,
      errors: pd.errors.filter((e) => e.code !== 'rule-crash').length, duplicates: pd.duplicates, objects: objs, builtin: cross, policy,
      ...(pd.end - pd.start <= KEEP_DOC_CHARS ? { kept: pd } : {}),
    });
  }
  // the objects the rules judged (a lazily read object, of a kind only looked up, is not composed for this)
  const judged = parsed.docs.flatMap((pd) => (pd.narrow === undefined && (pd.doc || pd.lazy) && !blocksLint(pd) ? objectsOf(pd) : []));
  l.result.objects = judged.filter((o) => !Object.getOwnPropertyDescriptor(o, 'value')?.get).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) }));
  if (j.pending.length) {
    j.text = parsed.text;
    j.lines = parsed.lines;
    j.parseOptions = { kinds: parseSet.kinds, lazy: parseSet.lazy, ...(pset ? { narrow: { kinds: set.kinds, lazy: set.lazy } } : {}) };
  }
  return j;
}

/**
 * One pending document parsed again, alone when its text allows (offsets then shift by `shift`), else with its
 * whole file. Its objects are the ones kept from the first parse, so rules see the very objects they saw.
 */
function reparse(j: Judged, p: PendingDoc): { parsed: ParsedFile; pd: ParsedDoc; shift: number } {
  const text = j.text!;
  if (p.kept) {
    // the local rules' crashes were reported in phase 1
    p.kept.errors = p.kept.errors.filter((e) => e.code !== 'rule-crash');
    return { parsed: { text, lines: j.lines!, docs: [] }, pd: p.kept, shift: 0 };
  }
  const head = text.slice(p.from, p.start);
  if (!head.includes('%')) {
    try {
      const parsed = parseManifest(text.slice(p.from, p.end));
      const pd = parsed.docs[0];
      if (!parsed.fatal && parsed.docs.length === 1 && pd.doc && pd.kind === p.kind && pd.apiVersion === p.apiVersion && pd.errors.length === p.errors) {
        pd.objects = p.objects;
        pd.index = p.index;
        reparsed.alone++;
        return { parsed, pd, shift: p.from };
      }
    } catch { /* parsed with its file below */ }
  }
  reparsed.whole++;
  const parsed = parseManifest(text, j.parseOptions);
  const pd = parsed.docs[p.index];
  pd.objects = p.objects;
  return { parsed, pd, shift: 0 };
}

/** Documents parsed a second time, alone or with their file (KUBEHEX_SCAN_TRACE). */
const reparsed = { alone: 0, whole: 0, pending: 0 };

function shifted(f: Finding, shift: number, lines: LineIndex): Finding {
  if (!shift) return f;
  const offsets: [number, number] = [f.offsets[0] + shift, f.offsets[1] + shift];
  return { ...f, offsets, range: lines.range(offsets[0], offsets[1]) };
}

/**
 * Phase 2 for one file: the cross-object rules (and the admission policies) on its pending documents, with
 * every object of the scan visible; a document is parsed again only when one of them reports on it. The
 * findings come out as lintLoaded gives them.
 */
export function finishFile(j: Judged, set: RuleSet, all: ReadonlyArray<K8sObject>, policy?: PolicyLint): FileResult {
  const r = j.result;
  const split = splitOf(set);
  const more: Finding[] = [];
  for (const p of j.pending) {
    reparsed.pending++;
    // a document that kept its parse is judged at once: asking first whether any rule reports would judge it twice
    const builtin = p.builtin && (!!p.kept || p.objects.some((o) => reportsAny(o, split.cross!, all, p.duplicates, crossFor)));
    const pol = !!policy && p.policy && !r.skipped && (!!p.kept || p.objects.some((o) => reportsAny(o, policy.set, policy.all, p.duplicates)));
    if (!builtin && !pol) continue;
    const { parsed, pd, shift } = reparse(j, p);
    if (builtin) {
      try {
        for (const f of lintDocument(parsed, pd, split.cross!, all, { keepYielded: true, only: crossFor })) r.findings.push(shifted(f, shift, j.lines!));
      } catch (err) {
        r.errors.push({ file: j.file, message: `internal error while linting: ${(err as Error).message}` });
      }
      for (const e of pd.errors) if (e.code === 'rule-crash') r.errors.push({ file: j.file, message: e.message });
      pd.errors = pd.errors.filter((e) => e.code !== 'rule-crash');
    }
    if (pol) {
      try {
        for (const f of lintDocument(parsed, pd, policy!.set, policy!.all)) more.push(shifted(f, shift, j.lines!));
      } catch { /* as policyFindings: errors are not reported */ }
    }
  }
  for (const p of j.pending) p.kept = undefined;
  j.pending = [];
  j.text = undefined;
  j.lines = undefined;
  // one problem, one finding: per document, over the findings of both passes (as one lintDocument would)
  if (r.findings.length > 1 && set.rules.some((a) => a.rule.meta.yieldsTo?.length)) {
    const byDoc = new Map<number, Finding[]>();
    for (const f of r.findings) { const g = byDoc.get(f.docIndex); if (g) g.push(f); else byDoc.set(f.docIndex, [f]); }
    r.findings = [...byDoc.values()].flatMap((g) => (g.length > 1 ? dropYielded(g, set) : g));
  }
  r.findings.sort(byPosition);
  if (more.length) {
    more.sort(byPosition);
    r.findings.push(...more);
    r.findings.sort(byPosition);
  }
  return r;
}

/** Admission policies run in the same pass: their rule set and every object they see (see cli/policies.ts). */
export interface PolicyLint { set: RuleSet; all: ReadonlyArray<K8sObject> }

const byPosition = (a: Finding, b: Finding) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);

/** Phase 2 for one file: run the rules with every object of the scan visible to cross-object rules. */
export function lintLoaded(l: Loaded, set: RuleSet, all: ReadonlyArray<K8sObject>, policy?: PolicyLint): FileResult {
  if (!l.parsed) return l.result;
  for (const pd of l.parsed.docs) {
    if (!pd.doc || blocksLint(pd) || pd.narrow !== undefined) continue;
    try {
      l.result.findings.push(...lintDocument(l.parsed, pd, set, all));
    } catch (err) {
      l.result.errors.push({ file: l.file, message: `internal error while linting: ${(err as Error).message}` });
    }
    for (const e of pd.errors) if (e.code === 'rule-crash') l.result.errors.push({ file: l.file, message: e.message });
  }
  // the objects the rules judged (a lazily read object, of a kind only looked up, is not composed for this)
  const judged = l.parsed.docs.flatMap((pd) => (pd.narrow === undefined && (pd.doc || pd.lazy) && !blocksLint(pd) ? objectsOf(pd) : []));
  l.result.objects = judged.filter((o) => !Object.getOwnPropertyDescriptor(o, 'value')?.get).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) }));
  l.result.findings.sort(byPosition);
  if (policy) {
    const more = policyFindings(l, policy);
    if (more.length) {
      l.result.findings.push(...more);
      l.result.findings.sort(byPosition);
    }
  }
  return l.result;
}

/**
 * The admission policies' findings for a file (sorted), on the same parse as the built-in rules. Their
 * errors are not reported (a policy that cannot be evaluated says so as a finding), and a built-in rule's
 * crash does not keep them from the document.
 */
export function policyFindings(l: Loaded, policy: PolicyLint): Finding[] {
  if (!l.parsed || l.result.skipped) return [];
  const out: Finding[] = [];
  for (const pd of l.parsed.docs) {
    if (!pd.doc) continue;
    const kept = pd.errors;
    pd.errors = kept.filter((e) => e.code !== 'rule-crash');
    try {
      if (!blocksLint(pd)) out.push(...lintDocument(l.parsed, pd, policy.set, policy.all));
    } catch { /* as the separate policy pass did: errors are not reported */ }
    pd.errors = kept;
  }
  return out.sort(byPosition);
}

/**
 * Admission policies found before the scan (cli/policies.ts findPolicies): their rules run on the scan's own
 * parse of each file. `recipe` gives a worker thread the same policies.
 */
export interface ScanPolicies { rules: Rule[]; extra: K8sObject[]; recipe: PolicyRecipe }

export interface ScanOptions extends ScanSettings {
  files: ReadonlyArray<string>;
  stdin?: string;
  workers?: number;
  workerScript?: string;
  /** Files done so far; rendered charts and kustomizations count as the files they read. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the scan between files (worker threads are terminated); scan() then rejects with the signal's reason. */
  signal?: AbortSignal;
  policies?: ScanPolicies;
  /** Workers started before the scan (startScanWorker): used first, terminated at once when the scan runs in this thread. */
  early?: ReadonlyArray<ScanWorker>;
  /**
   * Each file's result as soon as it is final, in the order of ScanResult.results (so a report can be written
   * while the scan goes on); the results are then not kept: the scan returns none.
   */
  onResult?: (r: FileResult) => void;
  /**
   * A streamed report's part of each file (cli/format.ts Piece) as soon as the file is final, in the order of
   * ScanResult.results: built by the thread that finished the file (a worker sends its files' pieces, not
   * their findings). Then onResult is not called and the results are not kept.
   */
  pieces?: ScanPieces;
}

/** What a streamed report makes of each file (ScanOptions.pieces), and where the pieces go. */
export interface ScanPieces { spec: PieceSpec; onPiece: (p: Piece) => void }

/** Where a scan's results go: onResult, a report's pieces (see ScanOptions.pieces) or the returned results. */
function resultSink(opts: ScanOptions, results: FileResult[]): (r: FileResult) => void {
  const pieces = opts.pieces;
  if (pieces) return (r) => pieces.onPiece(piece(pieces.spec, r));
  const keep = opts.onResult ?? ((r: FileResult) => { results.push(r); });
  return opts.lean ? (r: FileResult) => keep(leanResult(r)) : keep;
}

/** The policies' rule set, or none when no policy rule is active. Policy rules read every object ('*'). */
function policySetFor(opts: ScanSettings, rules: ReadonlyArray<Rule> | undefined): RuleSet | undefined {
  if (!rules?.length) return undefined;
  const pset = resolveRules([...rules], opts.config, opts.profile);
  return pset.rules.length ? pset : undefined;
}

/** One parse for both rule sets: the built-in set's view is kept exact through ParseOptions.narrow. */
function parseSetFor(set: RuleSet, pset: RuleSet | undefined): RuleSet {
  return pset ? makeRuleSet([...set.rules, ...pset.rules], set.suppressedBy) : set;
}

/**
 * Lets a signal handler (Ctrl-C, a cancelled request) run during a long synchronous stretch; with `always`, also
 * without a signal (the main thread of a scan in several threads, which hears from its workers meanwhile).
 */
function yielder(signal: AbortSignal | undefined, always = false): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (!signal && !always) return;
    if (Date.now() - last >= 50) {
      await new Promise<void>((r) => setImmediate(r));
      last = Date.now();
    }
    signal?.throwIfAborted();
  };
}

/** Scans files in this thread, or in worker threads when the scan is large. */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  opts.signal?.throwIfAborted();
  const total = opts.files.length + (opts.stdin !== undefined ? 1 : 0);
  const wanted = opts.workers ?? defaultWorkers(opts.files);
  const set = ruleSetFor(opts);
  const pset = policySetFor(opts, opts.policies?.rules);
  const parseSet = parseSetFor(set, pset);
  // charts and kustomizations are rendered here; their inputs are linted through the render, not alone
  const plan = planRenders(opts.files, set, { render: opts.render, kustomizeRoots: opts.kustomizeRoots, config: opts.config, configDir: opts.configDir });
  const rendering = plan.sources.length > 0 || plan.consumed.size > 0;
  if (!rendering && wanted > 1 && opts.workerScript && opts.stdin === undefined) return scanInWorkers(opts, wanted, parseSet, set, pset);
  for (const w of opts.early ?? []) void w.worker.terminate();
  trace?.(`one thread${opts.early?.length ? `, ${opts.early.length} worker started early terminated` : ''}`);
  const pause = yielder(opts.signal);
  // standard input keeps its parse to the end (its findings are split by source headers); files are judged at once
  const loaded: Array<Loaded | Judged> = [];
  let done = plan.consumed.size;
  if (plan.consumed.size) opts.onProgress?.(done, total);
  if (opts.stdin !== undefined) loaded.push(loadFile('<stdin>', parseSet, opts, opts.stdin, pset && set));
  for (const f of plan.plain) {
    await pause();
    const j = judgeFile(f, parseSet, set, opts, pset);
    if (opts.lean) leanResult(j.result);
    loaded.push(j);
    done++;
    opts.onProgress?.(done, total);
    trace?.(`read ${done}/${total}`);
  }
  const all = [...loaded.flatMap((l) => l.objects), ...plan.sources.flatMap((s) => s.objects)];
  let policy: PolicyLint | undefined;
  if (pset) {
    // what the policies see: every object of the scanned files in their order (standard input first), the
    // inputs of renders included, then the objects of configured policy files that are not scanned
    const wide = new Map(loaded.map((l) => [l.file, l.wide ?? []]));
    const seen: K8sObject[] = [...(wide.get('<stdin>') ?? [])];
    for (const f of opts.files) {
      const mine = wide.get(f) ?? (plan.consumed.has(f) ? loadFile(f, pset, { config: opts.config, profile: opts.profile }).objects : []);
      for (const o of mine) seen.push(o);
    }
    policy = { set: pset, all: [...seen, ...opts.policies!.extra] };
  }
  const skipped: FileResult[] = opts.files.filter((f) => plan.consumed.has(f)).map((file) => ({ file, findings: [], errors: [], skipped: plan.consumed.get(file) }));
  const results: FileResult[] = [];
  const emit = resultSink(opts, results);
  for (let i = 0; i < loaded.length; i++) {
    await pause();
    const l = loaded[i];
    loaded[i] = undefined as unknown as Loaded;
    if ('pending' in l) { emit(finishFile(l, set, all, policy)); continue; }
    const parts = splitBySourceHeaders(lintLoaded(l, set, all), opts.stdin ?? '');
    const more = policy ? policyFindings(l, policy) : [];
    const own = parts.find((r) => r.file === '<stdin>');
    if (more.length && own) { own.findings.push(...more); own.findings.sort(byPosition); }
    for (const r of parts) emit(r);
  }
  trace?.(`pending documents ${reparsed.pending}, parsed again alone ${reparsed.alone}, with their file ${reparsed.whole}`);
  await pause();
  const rendered = plan.sources.map((src) => ({ source: src.root, objects: src.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) })) }));
  for (const r of lintPlan(plan, set, all)) emit(r);
  for (const r of skipped) emit(r);
  return { files: total, results, ...(rendered.length ? { rendered } : {}) };
}

/** Below this much YAML, starting workers and shipping objects between threads costs more than it saves. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;
export const WORKER_MIN_FILES = 16;

function defaultWorkers(files: ReadonlyArray<string>): number {
  const forced = Number(process.env.KUBEHEX_WORKERS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  if (files.length < WORKER_MIN_FILES) return 1;
  let bytes = 0;
  for (const f of files) {
    try { bytes += statSync(f).size; } catch { /* reported when read */ }
    if (bytes >= WORKER_MIN_BYTES) break;
  }
  if (bytes < WORKER_MIN_BYTES) return 1;
  const cores = availableParallelism();
  const now = { stat: cpuTimes(), self: process.cpuUsage(), at: process.hrtime.bigint() };
  const others = started.stat && now.stat ? othersBusy(started.stat, now.stat, cores, (now.self.user + now.self.system - started.self.user - started.self.system) / 1000, Number(now.at - started.at) / 1e6) : undefined;
  const threads = workersForIdleCores(cores, others ?? loadavg()[0]);
  trace?.(`${cores} cores, ${others === undefined ? `load average ${loadavg()[0].toFixed(2)}` : `${others.toFixed(2)} kept busy by other processes since this one started`}: ${threads} threads`);
  return threads;
}

/** The machine's CPU counters and this process's CPU time when this module was loaded (at the start of the CLI). */
const started = { stat: cpuTimes(), self: process.cpuUsage(), at: process.hrtime.bigint() };

/** Ticks the machine's cores spent busy, and in all, since boot (Linux: /proc/stat); undefined elsewhere. */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const head = readFileSync('/proc/stat', 'latin1');
    // cpu  user nice system idle iowait irq softirq steal
    const v = head.slice(0, head.indexOf('\n')).trim().split(/\s+/).slice(1, 9).map(Number);
    if (v.length < 5 || v.some((x) => !Number.isFinite(x))) return undefined;
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - v[3] - v[4], total };
  } catch { return undefined; }
}

/**
 * How many cores other processes kept busy between two readings of the machine's counters, this process's
 * own CPU time (`selfMs` over `wallMs`) taken off; undefined when the window is too short to tell (under about
 * 20 ticks per core). This is what the scan's threads compete with now; the 1-minute load average lags: a
 * scan that has just finished (or the previous run of a benchmark) still counts as a busy core for a minute.
 */
export function othersBusy(before: { busy: number; total: number }, after: { busy: number; total: number }, cores: number, selfMs: number, wallMs: number): number | undefined {
  const total = after.total - before.total;
  if (total < 20 * cores || wallMs <= 0) return undefined;
  const busy = (cores * (after.busy - before.busy)) / total;
  return Math.max(0, busy - selfMs / wallMs);
}

/**
 * Threads pay off only on cores nobody else is using: each worker loads and warms up the engine again and
 * the threads swap their objects, so more threads cost some more CPU in all than one. On a machine whose
 * cores are already busy (`others`: cores kept busy by other processes, see othersBusy, or the load average
 * where that cannot be measured) one thread is faster, so count the idle cores. Where there is no load average
 * (Windows: 0) every core counts.
 */
export function workersForIdleCores(cores: number, others: number): number {
  const n = Math.min(4, cores, Math.floor(cores - others) + 1);
  return n >= 2 ? n : 1;
}

const trace = process.env.KUBEHEX_SCAN_TRACE === '1' ? (msg: string) => process.stderr.write(`[scan ${new Date().toISOString().slice(11, 23)} cpu ${threadCpuMs()} ms ${memory()}] ${msg}\n`) : undefined;

/** This thread's heap in use and the process's resident memory, for KUBEHEX_SCAN_TRACE. */
function memory(): string {
  const m = process.memoryUsage();
  return `heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} MB ext ${Math.round(m.external / 1048576)} MB rss ${Math.round(m.rss / 1048576)} MB`;
}

/** CPU time of the calling thread in ms (Linux; undefined elsewhere), for KUBEHEX_SCAN_TRACE. */
function threadCpuMs(): number | undefined {
  try {
    const f = readFileSync('/proc/thread-self/stat', 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(parts[11]) + Number(parts[12])) * 1000) / 100;
  } catch { return undefined; }
}

/**
 * The objects of a shard, keyed by the files' positions in the scan. Shipped between threads as one
 * v8-serialized buffer that is transferred, not cloned: the main thread only forwards it. With admission
 * policies, `wide` holds every object of each file and `perFile` the built-in rules' share of them (the same
 * objects: one serialisation keeps them shared).
 */
interface ShardObjects { indices: number[]; perFile: K8sObject[][]; wide?: K8sObject[][] }

function packShard(s: ShardObjects): Uint8Array {
  const b = serialize(s);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

/**
 * A scan worker thread, started before its job is known: it loads the bundle meanwhile (cli/main.ts starts one
 * while it reads the configuration, lists the files and looks for policies) and then waits for a `job` message
 * (runWorker). `gone` rejects when it fails or exits with an error, also before it has a job.
 */
export interface ScanWorker { worker: Worker; gone: Promise<never> }

export function startScanWorker(script: string): ScanWorker {
  const worker = new Worker(script, { workerData: { kubehexWorker: true } });
  const gone = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`scan worker exited with code ${code}`)); });
  });
  gone.catch(() => { /* the scan that uses it reports it */ });
  return { worker, gone };
}

/**
 * Whether a scan of `paths` may run on several threads, judged before its files are listed (a folder among them,
 * no standard input, an idle core by the load average, KUBEHEX_WORKERS not 1): then a worker is worth starting
 * early (startScanWorker). The scan decides for good once it knows its files (defaultWorkers).
 */
export function mayUseWorkers(paths: ReadonlyArray<string>, stdin: boolean): boolean {
  if (stdin || !paths.some((p) => { try { return statSync(p).isDirectory(); } catch { return false; } })) return false;
  const forced = Number(process.env.KUBEHEX_WORKERS);
  if (Number.isInteger(forced) && forced > 0) return forced > 1;
  return workersForIdleCores(availableParallelism(), loadavg()[0]) > 1;
}

interface WorkerData {
  files: string[];
  /** The order files are handed out in (largest first) and the shared position in it (see claimer). */
  order: number[];
  queue: SharedArrayBuffer;
  /** Which thread this is (the main thread is 0) of how many. */
  id: number;
  threads: number;
  settings: ScanSettings;
  policies?: PolicyRecipe;
  /** The scan streams a report: the worker sends each file's piece of it (ScanOptions.pieces). */
  pieces?: PieceSpec;
  trace?: boolean;
}

/**
 * The files of a scan in the order threads take them: largest first, so that the last files handed out are
 * small and every thread runs out of work at about the same time (and the largest parses happen while little
 * else is held). KUBEHEX_SCAN_DEAL=1 deals them out in turn instead (file k of the order to thread k mod n),
 * so a test knows which thread judges which file.
 */
function handOutOrder(files: ReadonlyArray<string>): number[] {
  const sizes = files.map((f) => { try { return statSync(f).size; } catch { return 0; } });
  return files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
}

/** Takes the next file of the order: shared by every thread of the scan (work stealing, one file at a time). */
function claimer(order: ReadonlyArray<number>, queue: SharedArrayBuffer, thread: number, threads: number): () => number | undefined {
  if (process.env.KUBEHEX_SCAN_DEAL === '1') {
    let k = thread - threads;
    return () => ((k += threads) < order.length ? order[k] : undefined);
  }
  const next = new Int32Array(queue);
  return () => {
    const k = Atomics.add(next, 0, 1);
    return k < order.length ? order[k] : undefined;
  };
}

/** A thread's share of a scan after phase 1: the files it judged (by position in the scan) and their state. */
interface Share { indices: number[]; loaded: Judged[] }

/** Phase 1 in a worker: judge files as they are claimed until none is left (the main thread: scanInWorkers). */
function judgeShare(claim: () => number | undefined, files: ReadonlyArray<string>, parseSet: RuleSet, set: RuleSet, settings: ScanSettings, pset: RuleSet | undefined, each: () => void): Share {
  const share: Share = { indices: [], loaded: [] };
  for (let fi = claim(); fi !== undefined; fi = claim()) {
    judgeInto(share, fi, files, parseSet, set, settings, pset);
    each();
  }
  return share;
}

/** Phase 1 for the file at position `fi` of the scan, kept in a thread's share (its result lean when asked). */
function judgeInto(share: Share, fi: number, files: ReadonlyArray<string>, parseSet: RuleSet, set: RuleSet, settings: ScanSettings, pset: RuleSet | undefined): void {
  share.indices.push(fi);
  const j = judgeFile(files[fi], parseSet, set, settings, pset);
  if (settings.lean) leanResult(j.result);
  share.loaded.push(j);
}

/** The positions in a share of its files, in the order of the scan's files. */
function inFileOrder(share: Share): number[] {
  return share.indices.map((_, k) => k).sort((a, b) => share.indices[a] - share.indices[b]);
}

/** The objects of a share as the other threads receive them (see ShardObjects, shipped). */
function packShare(share: Share, set: RuleSet, pset: RuleSet | undefined): { blob: Uint8Array; deferred: number } {
  const plain = new Map<K8sObject, K8sObject>();
  const full = pset ? readByEither(set, pset) : readByCross(set);
  const copy = (o: K8sObject) => { let c = plain.get(o); if (!c) plain.set(o, (c = shipped(o, full(o)))); return c; };
  const shard: ShardObjects = { indices: share.indices, perFile: share.loaded.map((l) => l.objects.map(copy)) };
  if (pset) shard.wide = share.loaded.map((l) => (l.wide ?? []).map(copy));
  const blob = packShard(shard);
  let deferred = 0;
  for (const o of plain.values()) if ((o as Shipped).deferred) deferred++;
  return { blob, deferred };
}

/**
 * Every object of the scan for phase 2, in the order the one-thread scan sees them (by file position): this
 * thread's own objects as they are, the other threads' from their packed shares.
 */
function scanIndex(total: number, share: Share, others: ReadonlyArray<Uint8Array>, settings: ScanSettings, pset: RuleSet | undefined, extra: ReadonlyArray<K8sObject>): { all: K8sObject[]; policy?: PolicyLint } {
  const byIndex: K8sObject[][] = new Array<K8sObject[]>(total);
  const wideByIndex: K8sObject[][] = new Array<K8sObject[]>(total);
  share.indices.forEach((fi, k) => { byIndex[fi] = share.loaded[k].objects; wideByIndex[fi] = share.loaded[k].wide ?? []; });
  const texts = fileTexts(settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  for (const b of others) {
    const s = deserialize(b) as ShardObjects;
    const received = new Map<K8sObject, K8sObject>();
    const unpack = (objs: K8sObject[]) => objs.map((o) => { let r = received.get(o); if (!r) received.set(o, (r = unshipped(o, texts))); return r; });
    s.indices.forEach((fi, k) => { byIndex[fi] = unpack(s.perFile[k]); if (s.wide) wideByIndex[fi] = unpack(s.wide[k]); });
  }
  const all: K8sObject[] = [];
  for (const objs of byIndex) if (objs) for (const o of objs) all.push(o);
  if (!pset) return { all };
  const seen: K8sObject[] = [];
  for (const objs of wideByIndex) if (objs) for (const o of objs) seen.push(o);
  return { all, policy: { set: pset, all: [...seen, ...extra] } };
}

/**
 * A scan on several threads: this one and n - 1 workers. Every thread takes files from one shared queue
 * (largest first) and judges them (phase 1); then the threads swap the objects of their shares, each judges
 * its own files with every object of the scan visible (phase 2), and the workers send their findings here.
 * The main thread takes a share itself: a worker would load, compile and warm up the whole engine again
 * (and hold a heap of its own) while this thread, which has done all that already, waits.
 */
async function scanInWorkers(opts: ScanOptions, n: number, parseSet: RuleSet, set: RuleSet, pset: RuleSet | undefined): Promise<ScanResult> {
  const files = opts.files;
  const order = handOutOrder(files);
  const queue = new SharedArrayBuffer(4);
  const settings: ScanSettings = { config: opts.config, profile: opts.profile, maxFileSize: opts.maxFileSize, alsoRules: opts.alsoRules, ...(opts.lean ? { lean: true } : {}) };
  let done = 0;
  const progress = () => { if (!opts.signal?.aborted) opts.onProgress?.(++done, files.length); };
  trace?.(`${n} threads (${n - 1} workers and this one), ${files.length} files handed out largest first`);
  const policies = opts.policies?.rules.length ? opts.policies.recipe : undefined;
  const early = opts.early ?? [];
  for (const w of early.slice(n - 1)) void w.worker.terminate();
  const started = [...early.slice(0, n - 1), ...Array.from({ length: Math.max(0, n - 1 - early.length) }, () => startScanWorker(opts.workerScript!))];
  trace?.(`${Math.min(early.length, n - 1)} of the workers started early`);
  const workers = started.map((s, k) => {
    const job: WorkerData = { files: [...files], order, queue, id: k + 1, threads: n, settings, ...(policies ? { policies } : {}), ...(opts.pieces ? { pieces: opts.pieces.spec } : {}), trace: !!trace };
    s.worker.postMessage({ type: 'job', job });
    return s.worker;
  });
  let abort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!opts.signal) return;
    abort = () => reject(opts.signal!.reason);
    opts.signal.addEventListener('abort', abort, { once: true });
  });
  aborted.catch(() => { /* handled by the races below */ });
  // a worker that fails rejects the scan at once (this thread is busy with its own share meanwhile)
  let failed: ((e: unknown) => void) | undefined;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  failure.catch(() => { /* handled by the races below */ });
  const blobs = workers.map((w) => new Promise<Uint8Array>((resolve) => {
    const onMsg = (m: { type: string; blob?: Uint8Array }) => {
      if (m.type === 'progress') progress();
      else if (m.type === 'parsed') { w.off('message', onMsg); resolve(m.blob!); }
    };
    w.on('message', onMsg);
  }));
  for (const s of started) s.gone.catch((e) => failed!(e));
  const pause = yielder(opts.signal, true);
  let stop: { reason: unknown } | undefined;
  const check = () => { if (stop) throw stop.reason; };
  failure.catch((e) => { stop = { reason: e }; });
  aborted.catch((e) => { stop = { reason: e }; });
  try {
    const share: Share = { indices: [], loaded: [] };
    const claim = claimer(order, queue, 0, n);
    for (let fi = claim(); fi !== undefined; fi = claim()) {
      judgeInto(share, fi, files, parseSet, set, settings, pset);
      progress();
      await pause();
      check();
    }
    trace?.(`judged ${share.indices.length} files${files.length <= 20 ? `: ${share.indices.map((i) => basename(files[i])).sort().join(',')}` : ''}`);
    const mine = packShare(share, set, pset);
    trace?.(`packed ${(mine.blob.byteLength / 1048576).toFixed(1)} MB, ${mine.deferred} documents sent uncomposed`);
    const theirs = await Promise.race([aborted, failure, Promise.all(blobs)]);
    trace?.('all shares judged');
    // each thread finishes its files in file order and the workers send each result (or with a streamed
    // report, its piece) as it is final, so they come in about the order of the report: one is kept only until
    // every file before it is done
    const results: FileResult[] = [];
    const pieces = opts.pieces;
    const sink = resultSink(opts, results);
    const give = (x: FileResult | Piece) => { if (pieces) pieces.onPiece(x as Piece); else sink(x as FileResult); };
    const waiting = new Map<number, FileResult | Piece>();
    let next = 0;
    const arrived = (fi: number, x: FileResult | Piece) => {
      if (stop) return;
      waiting.set(fi, x);
      for (let w = waiting.get(next); w; w = waiting.get(next)) {
        waiting.delete(next++);
        give(w);
      }
    };
    const linted = workers.map((w, i) => new Promise<void>((resolve) => {
      const onMsg = (m: { type: string; index: number; result?: FileResult; piece?: Piece }) => {
        if (m.type === 'done') { w.off('message', onMsg); resolve(); return; }
        try { arrived(m.index, pieces ? m.piece! : m.result!); } catch (e) { failed!(e); }
      };
      w.on('message', onMsg);
      // with one worker each buffer has one reader and is moved; with more they are copied
      const others = [mine.blob, ...theirs.filter((_, j) => j !== i)];
      w.postMessage({ type: 'lint', others }, n === 2 ? [mine.blob.buffer as ArrayBuffer] : []);
    }));
    const { all, policy } = scanIndex(files.length, share, theirs, settings, pset, opts.policies?.extra ?? []);
    trace?.(`unpacked, ${all.length} objects`);
    for (const k of inFileOrder(share)) {
      await pause();
      check();
      const l = share.loaded[k];
      share.loaded[k] = undefined as unknown as Judged;
      const r = finishFile(l, set, all, policy);
      arrived(share.indices[k], pieces ? piece(pieces.spec, r) : r);
    }
    trace?.(`linted; pending documents ${reparsed.pending}, parsed again alone ${reparsed.alone}, with their file ${reparsed.whole}`);
    await Promise.race([aborted, failure, Promise.all(linted)]);
    check();
    trace?.('all shares linted');
    if (next !== files.length) throw new Error(`scan: ${files.length - next} files without a result`);
    return { files: files.length, results };
  } finally {
    if (abort) opts.signal!.removeEventListener('abort', abort);
    // the queue is emptied so that the workers stop taking files
    Atomics.store(new Int32Array(queue), 0, order.length);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Worker side: waits for its job (the scan's files and settings), then phase 1 on the files it takes from the
 * shared queue, then phase 2 when the main thread sends the other shares' objects.
 */
export function runWorker(port: import('node:worker_threads').MessagePort): void {
  port.once('message', (m: { type: string; job: WorkerData }) => { if (m.type === 'job') runJob(m.job, port); });
}

function runJob(data: WorkerData, port: import('node:worker_threads').MessagePort): void {
  const log = data.trace ? (msg: string) => process.stderr.write(`[worker ${data.id} ${new Date().toISOString().slice(11, 23)} cpu ${threadCpuMs()} ms ${memory()}] ${msg}\n`) : undefined;
  const set = ruleSetFor(data.settings);
  const pol = data.policies ? policiesOf(data.policies) : undefined;
  const pset = policySetFor(data.settings, pol?.rules);
  const parseSet = parseSetFor(set, pset);
  const share = judgeShare(claimer(data.order, data.queue, data.id, data.threads), data.files, parseSet, set, data.settings, pset, () => port.postMessage({ type: 'progress' }));
  log?.(`judged ${share.indices.length} files${data.files.length <= 20 ? `: ${share.indices.map((i) => basename(data.files[i])).sort().join(',')}` : ''}`);
  const { blob, deferred } = packShare(share, set, pset);
  log?.(`packed ${(blob.byteLength / 1048576).toFixed(1)} MB, ${deferred} documents sent uncomposed`);
  port.postMessage({ type: 'parsed', blob }, [blob.buffer as ArrayBuffer]);
  port.once('message', (m: { type: string; others: Uint8Array[] }) => {
    const { all, policy } = scanIndex(data.files.length, share, m.others, data.settings, pset, pol?.extra ?? []);
    log?.(`unpacked, ${all.length} objects`);
    for (const k of inFileOrder(share)) {
      const l = share.loaded[k];
      share.loaded[k] = undefined as unknown as Judged;
      const r = finishFile(l, set, all, policy);
      // with a streamed report, the file's piece of it (cli/format.ts): bytes to move, not findings to clone
      if (data.pieces) {
        const sent = sendable(piece(data.pieces, r));
        port.postMessage({ type: 'result', index: share.indices[k], piece: sent.piece }, sent.transfer);
      } else port.postMessage({ type: 'result', index: share.indices[k], result: data.settings.lean ? leanResult(r) : r });
    }
    log?.(`linted; pending documents ${reparsed.pending}, parsed again alone ${reparsed.alone}, with their file ${reparsed.whole}`);
    port.postMessage({ type: 'done' });
  });
}

function plainObject(o: K8sObject): K8sObject {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: o.value, metadata: o.metadata, path: o.path, file: o.file };
}

/** An object as another worker receives it: the index the cross-object rules need, not the documents. */
type Shipped = K8sObject & { deferred?: DeferredHead };

/**
 * What another worker needs of an object: a document still uncomposed (a CRD only looked up) is sent as its
 * head and place in its file, and composed there from the file only if a rule looks at it; an object of a kind
 * no cross-object rule reads (`full` false) as its identity; the rest whole.
 */
function shipped(o: K8sObject, full: boolean): Shipped {
  const head = deferredHead(o);
  if (head) return { apiVersion: o.apiVersion, kind: o.kind, path: o.path, file: o.file, deferred: head } as Shipped;
  if (full) return plainObject(o);
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata }, metadata: o.metadata, path: o.path, file: o.file };
}

function unshipped(o: Shipped, texts: (file: string) => string | undefined): K8sObject {
  const head = o.deferred;
  if (!head) return o;
  const file = o.file;
  const d = deferredObject(head, () => (file === undefined ? undefined : texts(file)?.slice(head.start, head.end)));
  d.file = file;
  return d;
}

/** A file's text read again (the last one kept: a bundle's CRDs are looked up one after another). */
function fileTexts(max: number): (file: string) => string | undefined {
  let last: { file: string; text: string | undefined } | undefined;
  return (file) => {
    if (last?.file === file) return last.text;
    const read = readRegularFile(file, max);
    const decoded = read.ok ? decodeBytes(read.bytes) : undefined;
    last = { file, text: decoded?.ok ? decoded.text : undefined };
    return last.text;
  };
}

/** Whether some cross-object rule of the set may read an object of this kind (meta.reads). */
/**
 * With admission policies: what the built-in cross-object rules or the policies read of another shard's
 * objects (Namespaces, params), and the objects the policies judge (a unit with a namespaceSelector evaluates
 * every object it can match for the policy's own finding). The policy rules' kinds are narrowed (see
 * cli/policies.ts policiesOf); a policy that cannot be narrowed reads '*', and then every object goes whole.
 */
function readByEither(set: RuleSet, pset: RuleSet): (o: K8sObject) => boolean {
  const builtin = readByCross(set);
  const policies = readByCross(pset);
  return (o) => builtin(o) || policies(o) || appliesTo(pset, o);
}

function readByCross(set: RuleSet): (o: K8sObject) => boolean {
  const kinds = new Set<string>();
  let any = false;
  let custom = false;
  for (const r of set.rules) {
    for (const k of r.rule.meta.reads ?? []) {
      if (k === '*') any = true;
      else if (k === 'podSpec') POD_SPEC_KINDS.forEach((x) => kinds.add(x));
      else if (k === CUSTOM_RESOURCE) custom = true;
      else kinds.add(k);
    }
  }
  return (o) => any || kinds.has(o.kind) || kinds.has(`${o.kind}@${o.apiVersion}`) || (custom && isCustomApiVersion(o.apiVersion));
}
