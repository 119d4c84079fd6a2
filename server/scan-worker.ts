import { readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { decodeBytes, isTemplateSource, type Finding, type K8sObject, type ParseErrorInfo } from '../engine';
import { lintChunk } from './doc-lint';
import { compileGlobs } from './glob';
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
}

export interface ScanJob { id: number; files: string[]; settings: Settings; trusted: boolean; generation: number }

let store: { generation: number; configs: ConfigStore } | undefined;

/** Reads and lints one file from disk, as the CLI would; used by the scan workers (and as a fallback). */
export function lintFile(path: string, settings: Settings, trusted: boolean, generation: number): FileResult {
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
  if (cfg.path && cfg.config?.ignore?.length && compileGlobs(cfg.config.ignore)(relative(dirname(cfg.path), path).split('\\').join('/'), false)) {
    return { ...base, findings: [], errors: [], skipped: 'ignored' };
  }
  const entry = lintChunk(text, resolved.set, path, true);
  return { ...base, findings: entry.findings, errors: entry.fatal ? [entry.fatal] : entry.errors, hints: [...resolved.hints], objects: entry.objects };
}

/** Entry point of a scan worker thread. */
export function runScanWorker(): void {
  parentPort?.on('message', (job: ScanJob) => {
    const results: FileResult[] = [];
    for (const f of job.files) {
      try { results.push(lintFile(f, job.settings, job.trusted, job.generation)); }
      catch (e) { results.push({ path: f, mtimeMs: 0, size: 0, findings: [], errors: [{ message: `kubehex failed on this file: ${(e as Error).message}` }], skipped: 'crash' }); }
    }
    parentPort!.postMessage({ id: job.id, results });
  });
}
