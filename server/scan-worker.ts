import { readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { decodeBytes, isTemplateSource, type Finding, type K8sObject, type ObjectRef, type ParseErrorInfo, type RuleSet } from '../engine';
import { crossLint, lintChunk, splitRuleSet, type ChunkEntry } from './doc-lint';
import { ConfigStore, underChartTemplates, type Settings } from './settings';

export interface FileResult {
  path: string;
  mtimeMs: number;
  size: number;
  findings: Finding[];
  errors: ParseErrorInfo[];
  /** Why the file was not linted (too large, template, ignored by config, unreadable). */
  skipped?: string;
  /** Rules the settings show at `hint`. */
  hints?: string[];
  /** The file's objects of the kinds cross-object rules read (for the workspace index). */
  objects?: K8sObject[];
  /** Every object the rules judged (for the posture report). */
  refs?: ObjectRef[];
  /** Cross-object rules apply to an object of the file: its findings wait for the second phase (`crossFiles`). */
  cross?: boolean;
  /** Generation of the workspace index the cross-object findings were computed with. */
  indexGeneration?: number;
  /** Findings of a chart or kustomization render shown on this file (published by the RenderedPublisher). */
  rendered?: boolean;
}

export interface ScanJob { id: number; files: string[]; settings: Settings; trusted: boolean; generation: number; scan: number }

/** Second phase: the cross-object rules over the held files, with every object of the workspace visible. */
export interface CrossJob { id: number; type: 'cross'; scan: number; files: string[]; objects: K8sObject[] }

export interface CrossResult { path: string; findings: Finding[]; errors: ParseErrorInfo[] }

/** Parses kept between the two phases of one scan, for files a cross-object rule applies to. */
export class Held {
  private files = new Map<string, { entry: ChunkEntry; set: RuleSet }>();
  private scan = -1;

  /** Forgets what an earlier scan held. */
  begin(scan: number): void { if (scan !== this.scan) { this.files.clear(); this.scan = scan; } }
  hold(path: string, entry: ChunkEntry, set: RuleSet): void { this.files.set(path, { entry, set }); }

  /** Runs the cross-object rules over the held files and lets go of them. */
  cross(scan: number, paths: ReadonlyArray<string>, objects: ReadonlyArray<K8sObject>): CrossResult[] {
    const out: CrossResult[] = [];
    // the held files' objects arrive as copies: rules see their own instances instead (a rule tells itself
    // from the others by identity)
    const mine = new Set(paths.filter((p) => this.files.has(p)));
    const all: K8sObject[] = objects.filter((o) => !o.file || !mine.has(o.file));
    if (scan === this.scan) for (const p of mine) all.push(...this.files.get(p)!.entry.objects);
    for (const path of paths) {
      const h = scan === this.scan ? this.files.get(path) : undefined;
      this.files.delete(path);
      const cross = h && splitRuleSet(h.set).cross;
      if (!h || !cross) { out.push({ path, findings: [], errors: [{ message: 'kubehex: the cross-object rules could not run on this file' }] }); continue; }
      try { out.push({ path, ...crossLint(h.entry, cross, all) }); }
      catch (e) { out.push({ path, findings: [], errors: [{ message: `kubehex failed on this file: ${(e as Error).message}` }] }); }
    }
    return out;
  }
}

let store: { generation: number; configs: ConfigStore } | undefined;

/** Reads and lints one file from disk, as the CLI would; used by the scan workers (and as a fallback). */
export function lintFile(path: string, settings: Settings, trusted: boolean, generation: number, held?: Held): FileResult {
  if (!store || store.generation !== generation) store = { generation, configs: new ConfigStore(() => undefined) };
  let st;
  try { st = statSync(path); } catch (e) { return { path, mtimeMs: 0, size: 0, findings: [], errors: [{ message: `cannot read: ${(e as Error).message}` }], skipped: 'unreadable' }; }
  const base = { path, mtimeMs: st.mtimeMs, size: st.size };
  if (st.size > settings.maxFileSize) return { ...base, findings: [], errors: [], skipped: 'too-large' };
  let bytes: Buffer;
  try { bytes = readFileSync(path); } catch (e) { return { ...base, findings: [], errors: [{ message: `cannot read: ${(e as Error).message}` }], skipped: 'unreadable' }; }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ...base, findings: [], errors: [decoded.error] };
  const text = decoded.text;
  if (path.toLowerCase().endsWith('.json') && !(/"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text))) return { ...base, findings: [], errors: [] };
  if (isTemplateSource(text, underChartTemplates(path))) return { ...base, findings: [], errors: [], skipped: 'template' };
  const resolved = store.configs.resolve(path, settings, trusted);
  const cfg = resolved.config;
  if (cfg.path && cfg.ignore?.matchesPathOrParent(relative(dirname(cfg.path), path).split('\\').join('/'), false)) {
    return { ...base, findings: [], errors: [], skipped: 'ignored' };
  }
  // with a holder, the cross-object rules wait for every file's objects (like the CLI's two phases)
  const entry = lintChunk(text, resolved.set, path, !held);
  const r: FileResult = { ...base, findings: entry.findings, errors: entry.fatal ? [entry.fatal] : entry.errors, hints: [...resolved.hints], objects: entry.objects, refs: entry.refs };
  if (held && entry.parsed) {
    held.hold(path, entry, resolved.set);
    r.cross = true;
  }
  return r;
}

/** Entry point of a scan worker thread. */
export function runScanWorker(): void {
  const held = new Held();
  parentPort?.on('message', (job: ScanJob | CrossJob) => {
    if ('type' in job && job.type === 'cross') {
      parentPort!.postMessage({ id: job.id, results: held.cross(job.scan, job.files, job.objects) });
      return;
    }
    const lint = job as ScanJob;
    held.begin(lint.scan);
    const results: FileResult[] = [];
    for (const f of lint.files) {
      try { results.push(lintFile(f, lint.settings, lint.trusted, lint.generation, held)); }
      catch (e) { results.push({ path: f, mtimeMs: 0, size: 0, findings: [], errors: [{ message: `kubehex failed on this file: ${(e as Error).message}` }], skipped: 'crash' }); }
    }
    parentPort!.postMessage({ id: job.id, results });
  });
}
