import { readFileSync, statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { serialize, deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { blocksLint, decodeBytes, yamlSyntaxErrors, lintDocument, objectsOf, parseManifest, makeRuleSet, resolveRules, type Config, type Finding, type K8sObject, type ObjectRef, type ParsedFile, type Range, type Rule, type RuleSet } from '../engine';
import { diskFs, readRegularFile } from '../host';
import { skipReason, type SkipReason } from '../render';
import { rules } from '../rules';
import { lintPlan, planRenders, splitBySourceHeaders } from './rendered';
import { findPolicies, type PolicyRecipe } from './policies';
import type { RenderOptions } from '../render';

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
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

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
 * parse of each file. `recipe` finds the same policies again in a worker thread.
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

/** Lets a signal handler (Ctrl-C, a cancelled request) run during a long synchronous stretch. */
function yielder(signal: AbortSignal | undefined): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (!signal) return;
    if (Date.now() - last >= 50) {
      await new Promise<void>((r) => setImmediate(r));
      last = Date.now();
    }
    signal.throwIfAborted();
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
  if (!rendering && wanted > 1 && opts.workerScript && opts.stdin === undefined) return scanInWorkers(opts, wanted);
  const pause = yielder(opts.signal);
  const loaded: Loaded[] = [];
  let done = plan.consumed.size;
  if (plan.consumed.size) opts.onProgress?.(done, total);
  if (opts.stdin !== undefined) loaded.push(loadFile('<stdin>', parseSet, opts, opts.stdin, pset && set));
  for (const f of plan.plain) {
    await pause();
    loaded.push(loadFile(f, parseSet, opts, undefined, pset && set));
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
  for (let i = 0; i < loaded.length; i++) {
    await pause();
    const l = loaded[i];
    // a file's parse is dropped once it is judged: only its findings and its objects (the index) stay
    loaded[i] = undefined as unknown as Loaded;
    if (l.file !== '<stdin>') { results.push(lintLoaded(l, set, all, policy)); continue; }
    const parts = splitBySourceHeaders(lintLoaded(l, set, all), opts.stdin ?? '');
    const more = policy ? policyFindings(l, policy) : [];
    const own = parts.find((r) => r.file === '<stdin>');
    if (more.length && own) { own.findings.push(...more); own.findings.sort(byPosition); }
    results.push(...parts);
  }
  await pause();
  const rendered = plan.sources.map((src) => ({ source: src.root, objects: src.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) })) }));
  return { files: total, results: [...results, ...lintPlan(plan, set, all), ...skipped], ...(rendered.length ? { rendered } : {}) };
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
  return workersForIdleCores(availableParallelism(), loadavg()[0]);
}

/**
 * Workers pay off only on cores nobody else is using: the shards' objects are shipped between threads
 * and each thread warms up its own parser and validators (about a third more CPU in all than one thread).
 * On a machine whose cores are already busy (load average at or above the core count) one thread is
 * faster, so count the idle cores. Where there is no load average (Windows: 0) every core counts.
 */
export function workersForIdleCores(cores: number, load1: number): number {
  const n = Math.min(4, cores, Math.floor(cores - load1) + 1);
  return n >= 2 ? n : 1;
}

const trace = process.env.KUBEHEX_SCAN_TRACE === '1' ? (msg: string) => process.stderr.write(`[scan ${new Date().toISOString().slice(11, 23)} cpu ${threadCpuMs()} ms] ${msg}\n`) : undefined;

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

interface WorkerData { files: string[]; indices: number[]; total: number; settings: ScanSettings; policies?: PolicyRecipe; trace?: boolean }

async function scanInWorkers(opts: ScanOptions, n: number): Promise<ScanResult> {
  // balance by size so one worker does not get every large bundle
  const sized = opts.files.map((f, i) => { try { return { i, s: statSync(f).size }; } catch { return { i, s: 0 }; } }).sort((a, b) => b.s - a.s || a.i - b.i);
  const shards: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const { i: fi, s } of sized) {
    let k = 0;
    for (let j = 1; j < n; j++) if (load[j] < load[k]) k = j;
    shards[k].push(fi);
    load[k] += s + 4096;
  }
  for (const sh of shards) sh.sort((a, b) => a - b);
  const settings: ScanSettings = { config: opts.config, profile: opts.profile, maxFileSize: opts.maxFileSize, alsoRules: opts.alsoRules };
  let done = 0;
  trace?.(`${n} workers, shard bytes ${load.join(' ')}${opts.files.length <= 20 ? `, shards ${shards.map((sh) => sh.map((i) => basename(opts.files[i])).join(',')).join(' | ')}` : ''}`);
  const policies = opts.policies?.rules.length ? opts.policies.recipe : undefined;
  const workers = shards.map((indices) => new Worker(opts.workerScript!, {
    workerData: { kubehexWorker: true, files: indices.map((i) => opts.files[i]), indices, total: opts.files.length, settings, ...(policies ? { policies } : {}), trace: !!trace } satisfies WorkerData & { kubehexWorker: true },
  }));
  let abort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!opts.signal) return;
    abort = () => reject(opts.signal!.reason);
    opts.signal.addEventListener('abort', abort, { once: true });
  });
  aborted.catch(() => { /* handled by the race below */ });
  const blobs: Uint8Array[] = [];
  try {
    await Promise.race([aborted, Promise.all(workers.map((w, i) => new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type: string; blob?: Uint8Array }) => {
        if (m.type === 'progress') { if (!opts.signal?.aborted) opts.onProgress?.(++done, opts.files.length); }
        else if (m.type === 'parsed') { blobs[i] = m.blob!; w.off('message', onMsg); resolve(); }
      };
      w.on('message', onMsg);
      w.once('error', reject);
    })))]);
    trace?.('all shards parsed');
    const results = await Promise.race([aborted, Promise.all(workers.map((w, i) => new Promise<FileResult[]>((resolve, reject) => {
      w.once('message', (m: { type: string; results: FileResult[] }) => resolve(m.results));
      w.once('error', reject);
      // with two workers each buffer has one reader and is moved; with more they are copied
      const others = blobs.filter((_, j) => j !== i);
      w.postMessage({ type: 'lint', others }, n === 2 ? others.map((b) => b.buffer as ArrayBuffer) : []);
    })))]);
    trace?.('all shards linted');
    const byFile = new Map(results.flat().map((r) => [r.file, r]));
    return { files: opts.files.length, results: opts.files.map((f) => byFile.get(f)!).filter(Boolean) };
  } finally {
    if (abort) opts.signal!.removeEventListener('abort', abort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Worker side: phase 1 on start, phase 2 when the main thread sends the other shards' objects. Phase 2
 * sees every object of the scan in the order the one-thread scan sees them (by file position), with
 * this shard's own objects kept as they are.
 */
export function runWorker(data: WorkerData, port: import('node:worker_threads').MessagePort): void {
  const log = data.trace ? (msg: string) => process.stderr.write(`[worker ${data.indices[0] ?? '-'} ${new Date().toISOString().slice(11, 23)} cpu ${threadCpuMs()} ms] ${msg}\n`) : undefined;
  const set = ruleSetFor(data.settings);
  const pol = data.policies ? findPolicies(data.policies) : undefined;
  const pset = policySetFor(data.settings, pol?.rules);
  const parseSet = parseSetFor(set, pset);
  const loaded = data.files.map((f) => {
    const l = loadFile(f, parseSet, data.settings, undefined, pset && set);
    port.postMessage({ type: 'progress' });
    return l;
  });
  log?.(`parsed ${data.files.length} files`);
  const plain = new Map<K8sObject, K8sObject>();
  const copy = (o: K8sObject) => { let c = plain.get(o); if (!c) plain.set(o, (c = plainObject(o))); return c; };
  const shard: ShardObjects = { indices: data.indices, perFile: loaded.map((l) => l.objects.map(copy)) };
  if (pset) shard.wide = loaded.map((l) => (l.wide ?? []).map(copy));
  const blob = packShard(shard);
  plain.clear();
  log?.(`packed ${(blob.byteLength / 1048576).toFixed(1)} MB`);
  port.postMessage({ type: 'parsed', blob }, [blob.buffer as ArrayBuffer]);
  port.once('message', (m: { type: string; others: Uint8Array[] }) => {
    const byIndex: K8sObject[][] = new Array<K8sObject[]>(data.total);
    const wideByIndex: K8sObject[][] = new Array<K8sObject[]>(data.total);
    data.indices.forEach((fi, k) => { byIndex[fi] = loaded[k].objects; wideByIndex[fi] = loaded[k].wide ?? []; });
    for (const b of m.others) {
      const s = deserialize(b) as ShardObjects;
      s.indices.forEach((fi, k) => { byIndex[fi] = s.perFile[k]; if (s.wide) wideByIndex[fi] = s.wide[k]; });
    }
    const all: K8sObject[] = [];
    for (const objs of byIndex) if (objs) for (const o of objs) all.push(o);
    let policy: PolicyLint | undefined;
    if (pset) {
      const seen: K8sObject[] = [];
      for (const objs of wideByIndex) if (objs) for (const o of objs) seen.push(o);
      policy = { set: pset, all: [...seen, ...pol!.extra] };
    }
    log?.(`unpacked, ${all.length} objects`);
    const results = loaded.map((l, i) => { loaded[i] = undefined as unknown as Loaded; return lintLoaded(l, set, all, policy); });
    log?.('linted');
    port.postMessage({ type: 'done', results });
  });
}

function plainObject(o: K8sObject): K8sObject {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: o.value, metadata: o.metadata, path: o.path, file: o.file };
}
