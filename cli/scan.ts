import { readFileSync, statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { serialize, deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { blocksLint, decodeBytes, yamlSyntaxErrors, lintDocument, objectsOf, parseManifest, makeRuleSet, resolveRules, type Config, type Finding, type K8sObject, type ObjectRef, type ParsedFile, type Range, type RuleSet } from '../engine';
import { diskFs, readRegularFile } from '../host';
import { skipReason, type SkipReason } from '../render';
import { rules } from '../rules';
import { lintPlan, planRenders, splitBySourceHeaders } from './rendered';
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

export interface Loaded { file: string; parsed?: ParsedFile; objects: K8sObject[]; result: FileResult }

export function ruleSetFor(s: ScanSettings): RuleSet {
  const set = resolveRules(rules, s.config, s.profile);
  if (!s.alsoRules?.length) return set;
  const have = new Set(set.rules.map((a) => a.rule.meta.id));
  const extra = rules.filter((r) => s.alsoRules!.includes(r.meta.id) && !have.has(r.meta.id));
  return makeRuleSet([...set.rules, ...extra.map((rule) => ({ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } }))], set.suppressedBy);
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

/** Phase 1 for one file: read, decode, guard, skip what is not linted, parse, collect objects. */
export function loadFile(file: string, set: RuleSet, settings: ScanSettings, text?: string): Loaded {
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
    parsed = parseManifest(prepared.text, { kinds: set.kinds, lazy: set.lazy });
  } catch (err) {
    return fail(`could not parse: ${(err as Error).message}`);
  }
  if (parsed.fatal) return fail(parsed.fatal.message, parsed.fatal.range);
  const objects: K8sObject[] = [];
  let reported = 0;
  for (const pd of parsed.docs) {
    for (const e of pd.errors) {
      if (reported++ < 20) result.errors.push({ file, message: `${e.message}${e.range ? ` (line ${e.range.start.line + 1})` : ''}`, ...(e.range ? { range: e.range } : {}) });
    }
    if ((pd.doc || pd.lazy) && !blocksLint(pd)) objects.push(...objectsOf(pd, file));
  }
  if (!result.errors.length && skipReason({ file, maxFileSize: settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, docs: parsed.docs }) === 'not-kubernetes') {
    // no Kubernetes object found: either it is some other YAML, or it is too broken to tell
    for (const e of yamlSyntaxErrors(prepared.text)) result.errors.push({ file, message: `${e.message}${e.range ? ` (line ${e.range.start.line + 1})` : ''}`, ...(e.range ? { range: e.range } : {}) });
    if (!result.errors.length) result.skipped = 'not-kubernetes';
    return { file, objects: [], result };
  }
  return { file, parsed, objects, result };
}

/** Phase 2 for one file: run the rules with every object of the scan visible to cross-object rules. */
export function lintLoaded(l: Loaded, set: RuleSet, all: ReadonlyArray<K8sObject>): FileResult {
  if (!l.parsed) return l.result;
  for (const pd of l.parsed.docs) {
    if (!pd.doc || blocksLint(pd)) continue;
    try {
      l.result.findings.push(...lintDocument(l.parsed, pd, set, all));
    } catch (err) {
      l.result.errors.push({ file: l.file, message: `internal error while linting: ${(err as Error).message}` });
    }
    for (const e of pd.errors) if (e.code === 'rule-crash') l.result.errors.push({ file: l.file, message: e.message });
  }
  // the objects the rules judged (a lazily read object, of a kind only looked up, is not composed for this)
  l.result.objects = l.objects.filter((o) => !Object.getOwnPropertyDescriptor(o, 'value')?.get).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) }));
  l.result.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return l.result;
}

export interface ScanOptions extends ScanSettings {
  files: ReadonlyArray<string>;
  stdin?: string;
  workers?: number;
  workerScript?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Scans files in this thread, or in worker threads when the scan is large. */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const total = opts.files.length + (opts.stdin !== undefined ? 1 : 0);
  const wanted = opts.workers ?? defaultWorkers(opts.files);
  const set = ruleSetFor(opts);
  // charts and kustomizations are rendered here; their inputs are linted through the render, not alone
  const plan = planRenders(opts.files, set, { render: opts.render, kustomizeRoots: opts.kustomizeRoots, config: opts.config, configDir: opts.configDir });
  const rendering = plan.sources.length > 0 || plan.consumed.size > 0;
  if (!rendering && wanted > 1 && opts.workerScript && opts.stdin === undefined) return scanInWorkers(opts, wanted);
  const loaded: Loaded[] = [];
  let done = 0;
  if (opts.stdin !== undefined) loaded.push(loadFile('<stdin>', set, opts, opts.stdin));
  for (const f of plan.plain) {
    loaded.push(loadFile(f, set, opts));
    opts.onProgress?.(++done, total);
  }
  const all = [...loaded.flatMap((l) => l.objects), ...plan.sources.flatMap((s) => s.objects)];
  const skipped: FileResult[] = opts.files.filter((f) => plan.consumed.has(f)).map((file) => ({ file, findings: [], errors: [], skipped: plan.consumed.get(file) }));
  const results = loaded.flatMap((l) => (l.file === '<stdin>' ? splitBySourceHeaders(lintLoaded(l, set, all), opts.stdin ?? '') : [lintLoaded(l, set, all)]));
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

const trace = process.env.KUBEHEX_SCAN_TRACE === '1' ? (msg: string) => process.stderr.write(`[scan ${new Date().toISOString().slice(11, 23)}] ${msg}\n`) : undefined;

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
 * v8-serialized buffer that is transferred, not cloned: the main thread only forwards it.
 */
interface ShardObjects { indices: number[]; perFile: K8sObject[][] }

function packShard(s: ShardObjects): Uint8Array {
  const b = serialize(s);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

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
  const workers = shards.map((indices) => new Worker(opts.workerScript!, {
    workerData: { kubehexWorker: true, files: indices.map((i) => opts.files[i]), indices, total: opts.files.length, settings, trace: !!trace },
  }));
  const blobs: Uint8Array[] = [];
  try {
    await Promise.all(workers.map((w, i) => new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type: string; blob?: Uint8Array }) => {
        if (m.type === 'progress') opts.onProgress?.(++done, opts.files.length);
        else if (m.type === 'parsed') { blobs[i] = m.blob!; w.off('message', onMsg); resolve(); }
      };
      w.on('message', onMsg);
      w.once('error', reject);
    })));
    trace?.('all shards parsed');
    const results = await Promise.all(workers.map((w, i) => new Promise<FileResult[]>((resolve, reject) => {
      w.once('message', (m: { type: string; results: FileResult[] }) => resolve(m.results));
      w.once('error', reject);
      // with two workers each buffer has one reader and is moved; with more they are copied
      const others = blobs.filter((_, j) => j !== i);
      w.postMessage({ type: 'lint', others }, n === 2 ? others.map((b) => b.buffer as ArrayBuffer) : []);
    })));
    trace?.('all shards linted');
    const byFile = new Map(results.flat().map((r) => [r.file, r]));
    return { files: opts.files.length, results: opts.files.map((f) => byFile.get(f)!).filter(Boolean) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Worker side: phase 1 on start, phase 2 when the main thread sends the other shards' objects. Phase 2
 * sees every object of the scan in the order the one-thread scan sees them (by file position), with
 * this shard's own objects kept as they are.
 */
export function runWorker(data: { files: string[]; indices: number[]; total: number; settings: ScanSettings; trace?: boolean }, port: import('node:worker_threads').MessagePort): void {
  const log = data.trace ? (msg: string) => process.stderr.write(`[worker ${data.indices[0] ?? '-'} ${new Date().toISOString().slice(11, 23)} cpu ${threadCpuMs()} ms] ${msg}\n`) : undefined;
  const set = ruleSetFor(data.settings);
  const loaded = data.files.map((f) => {
    const l = loadFile(f, set, data.settings);
    port.postMessage({ type: 'progress' });
    return l;
  });
  log?.(`parsed ${data.files.length} files`);
  const blob = packShard({ indices: data.indices, perFile: loaded.map((l) => l.objects.map(plainObject)) });
  log?.(`packed ${(blob.byteLength / 1048576).toFixed(1)} MB`);
  port.postMessage({ type: 'parsed', blob }, [blob.buffer as ArrayBuffer]);
  port.once('message', (m: { type: string; others: Uint8Array[] }) => {
    const byIndex: K8sObject[][] = new Array<K8sObject[]>(data.total);
    data.indices.forEach((fi, k) => { byIndex[fi] = loaded[k].objects; });
    for (const b of m.others) {
      const s = deserialize(b) as ShardObjects;
      s.indices.forEach((fi, k) => { byIndex[fi] = s.perFile[k]; });
    }
    const all: K8sObject[] = [];
    for (const objs of byIndex) if (objs) for (const o of objs) all.push(o);
    log?.(`unpacked, ${all.length} objects`);
    const results = loaded.map((l) => lintLoaded(l, set, all));
    log?.('linted');
    port.postMessage({ type: 'done', results });
  });
}

function plainObject(o: K8sObject): K8sObject {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, value: o.value, metadata: o.metadata, path: o.path, file: o.file };
}
