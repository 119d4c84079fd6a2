import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { readRegularFile } from '../host';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Diagnostic, type Range, type WorkDoneProgressParams } from 'vscode-languageserver';
import type { Category, Severity } from '../engine';
import { ROOT_FILES } from '../render';
import { errorToDiagnostic, findingToDiagnostic, tooLargeDiagnostic } from './convert';
import { compileGlobs, matchRules, parseGitignore, type GlobRules } from './glob';
import { scanRendered } from './scan-rendered';
import { Held, lintFile, type CrossJob, type CrossResult, type FileResult, type ScanJob } from './scan-worker';
import type { KubehexServer } from './server';
import { pathToUri, uriToPath } from './uri';
import type { Settings } from './settings';

export interface ScanParams extends WorkDoneProgressParams { folders?: string[]; exclude?: string[] }

export interface ScanItem { uri: string; ruleId: string; severity: Severity; category: Category; message: string; range: Range }

export interface ScanSummary {
  files: number;
  findings: number;
  byCategory: Record<string, number>;
  byRule: Record<string, number>;
  bySeverity: Record<string, number>;
  items: ScanItem[];
  /** Files whose result came from the previous scan (same mtime and size). */
  reused: number;
  errors: Array<{ uri: string; message: string }>;
}

const EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);
const BATCH = 16;
/** Largest .gitignore the workspace scan reads. */
const MAX_GITIGNORE_BYTES = 16 * 1024 * 1024;

interface Ignore { base: string; rules: GlobRules }

/** Every manifest-like file under the folders, honouring .gitignore files and the exclude globs. */
export async function walk(folders: ReadonlyArray<string>, exclude: ReadonlyArray<string>, stop: () => boolean): Promise<string[]> {
  const out: string[] = [];
  const excluded = compileGlobs(exclude);
  for (const root of folders) {
    const stack: Array<{ dir: string; ignores: Ignore[] }> = [{ dir: root, ignores: [] }];
    while (stack.length) {
      if (stop()) return out;
      const { dir, ignores: inherited } = stack.pop()!;
      let entries;
      try { entries = await readdir(dir, { withFileTypes: true }); } catch { continue; }
      let ignores = inherited;
      if (entries.some((e) => e.name === '.gitignore')) {
        // a regular file of sane size only: a FIFO or a link to /dev/zero must not hang or fill memory
        const gi = readRegularFile(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
        if (gi.ok) ignores = [...inherited, { base: dir, rules: parseGitignore(gi.bytes.toString('utf8')) }];
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        const isDir = e.isDirectory();
        if (isDir && SKIP_DIRS.has(e.name)) continue;
        // kustomize's `Kustomization` has no extension
        if (!isDir && !(e.isFile() && (EXTENSIONS.test(e.name) || ROOT_FILES.has(e.name)))) continue;
        if (excluded(relative(root, full).split('\\').join('/'), isDir)) continue;
        if (gitIgnored(ignores, full, isDir)) continue;
        if (isDir) stack.push({ dir: full, ignores });
        else out.push(full);
      }
    }
  }
  return [...new Set(out)].sort();
}

function gitIgnored(ignores: ReadonlyArray<Ignore>, full: string, isDir: boolean): boolean {
  let verdict = false;
  for (const ig of ignores) {
    const v = matchRules(ig.rules, relative(ig.base, full).split('\\').join('/'), isDir);
    if (v !== undefined) verdict = v;
  }
  return verdict;
}

function workerScript(): string | undefined {
  for (const name of ['server.js', 'main.js']) {
    const p = join(__dirname, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** A small pool of worker threads that lint files off the server's event loop. */
class Pool {
  private workers: Worker[] = [];
  private seq = 0;

  constructor(size: number) {
    const script = workerScript();
    if (!script) return;
    for (let i = 0; i < size; i++) {
      try {
        const w = new Worker(script, { workerData: { kubehexScanWorker: true }, stdout: true, stderr: true });
        w.unref();
        this.workers.push(w);
      } catch { break; }
    }
  }

  get size(): number { return this.workers.length; }

  run(worker: number, job: Omit<ScanJob, 'id'>): Promise<FileResult[]>;
  run(worker: number, job: Omit<CrossJob, 'id'>): Promise<CrossResult[]>;
  run(worker: number, job: Omit<ScanJob, 'id'> | Omit<CrossJob, 'id'>): Promise<unknown[]> {
    const w = this.workers[worker];
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { id: number; results: unknown[] }) => { if (m.id === id) { cleanup(); resolve(m.results); } };
      const onError = (e: Error) => { cleanup(); reject(e); };
      const onExit = () => { cleanup(); reject(new Error('scan worker exited')); };
      const cleanup = () => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ ...job, id });
    });
  }

  async dispose(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate().catch(() => 0)));
  }
}

export class WorkspaceScanner {
  private cache = new Map<string, { key: string; result: FileResult }>();
  private scans = 0;
  /** Parses held between the phases when a batch was linted on the main thread. */
  private held = new Held();
  private published = new Set<string>();
  private pool?: Pool;
  /** The files of the last completed scan, for the posture report. */
  private last: FileResult[] = [];

  constructor(private server: KubehexServer) {}

  lastResults(): ReadonlyArray<FileResult> { return this.last; }

  publishedFor(uri: string): boolean { return this.published.has(uri); }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }

  async scan(params: ScanParams, token: CancellationToken, progressParams?: WorkDoneProgressParams): Promise<ScanSummary> {
    const conn = this.server.connection;
    let reporter = conn.window.attachWorkDoneProgress(progressParams?.workDoneToken);
    let serverToken: CancellationToken | undefined;
    if (!progressParams?.workDoneToken && this.server.capabilities().window?.workDoneProgress) {
      const created = await conn.window.createWorkDoneProgress();
      reporter = created;
      serverToken = created.token;
    }
    const cancelled = () => token.isCancellationRequested || !!serverToken?.isCancellationRequested;
    reporter.begin('kubehex: scanning workspace', 0, 'finding files', true);
    try {
      const folders = (params.folders?.length ? params.folders.map((f) => (f.startsWith('file:') ? uriToPath(f) ?? f : f)) : this.server.workspaceFolders());
      const files = await walk(folders, params.exclude ?? [], cancelled);
      if (cancelled()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'scan cancelled');
      const settings = await this.server.settingsFor(folders[0] ? pathToUri(folders[0]) : '');
      // charts and kustomizations first: the files they read are linted through them, not alone
      const stop = () => { if (cancelled()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'scan cancelled'); };
      const rendered = await scanRendered(this.server.analyzer, files, settings, this.server.trusted, stop);
      const ofRenders = new Set([...rendered.consumed, ...rendered.results.map((r) => r.path)]);
      const results = await this.lintAll(folders, files.filter((f) => !ofRenders.has(f)), settings, cancelled, (done) => reporter.report(files.length ? Math.round((100 * done) / files.length) : 100, `${done}/${files.length} files`));
      if (cancelled()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'scan cancelled');
      const all = [...results.results, ...rendered.results].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      this.last = all;
      const summary = this.summarize(all, results.reused, settings.maxFileSize);
      for (const p of rendered.published) this.server.analyzer.renderedPublisher.publish(p.linted, p.hints);
      return summary;
    } finally {
      reporter.done();
    }
  }

  private async lintAll(folders: string[], files: string[], settings: Settings, cancelled: () => boolean, progress: (done: number) => void): Promise<{ results: FileResult[]; reused: number }> {
    const trusted = this.server.trusted;
    const generation = this.server.currentGeneration();
    const key = JSON.stringify([generation, trusted, settings]);
    const results = new Map<string, FileResult>();
    const todo: string[] = [];
    let reused = 0;
    for (const f of files) {
      const open = this.server.documents.get(pathToUri(f));
      if (open) continue; // open documents are linted from the editor's text below
      const hit = this.cache.get(f);
      if (hit && hit.key === key) {
        try {
          const st = await stat(f);
          // cross-object findings are reused only while the index is what they were computed with
          const crossOk = !hit.result.cross || hit.result.indexGeneration === this.server.analyzer.index.generation;
          if (crossOk && st.mtimeMs === hit.result.mtimeMs && st.size === hit.result.size) {
            results.set(f, hit.result);
            this.server.analyzer.index.setScanned(pathToUri(f), hit.result.objects ?? []);
            reused++;
            continue;
          }
        } catch { /* gone: lint reports it */ }
      }
      todo.push(f);
    }
    let done = files.length - todo.length;
    progress(done);
    const batches: string[][] = [];
    for (let i = 0; i < todo.length; i += BATCH) batches.push(todo.slice(i, i + BATCH));
    const take = (rs: FileResult[]) => {
      for (const r of rs) {
        results.set(r.path, r);
        this.cache.set(r.path, { key, result: r });
        this.server.analyzer.index.setScanned(pathToUri(r.path), r.objects ?? []);
      }
      done += rs.length;
      progress(done);
    };
    if (batches.length) {
      if (!this.pool || !this.pool.size) this.pool = new Pool(Math.max(1, Math.min(4, cpus().length - 1)));
      const pool = this.pool;
      const scan = ++this.scans;
      const job = { settings, trusted, generation, scan };
      this.held.begin(scan);
      // who holds the parse of each file a cross-object rule applies to: a worker, or this thread (-1)
      const holders = new Map<number, string[]>();
      let next = 0;
      const lane = async (w: number) => {
        while (next < batches.length && !cancelled()) {
          const b = batches[next++];
          let rs: FileResult[];
          let by = w < pool.size ? w : -1;
          try { rs = by >= 0 ? await pool.run(by, { ...job, files: b }) : b.map((f) => lintFile(f, settings, trusted, generation, this.held)); }
          catch { by = -1; rs = b.map((f) => lintFile(f, settings, trusted, generation, this.held)); }
          for (const r of rs) if (r.cross) { let l = holders.get(by); if (!l) holders.set(by, (l = [])); l.push(r.path); }
          take(rs);
          if (w >= pool.size) await new Promise((r) => setImmediate(r));
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, pool.size) }, (_, i) => lane(i)));
      if (!cancelled() && holders.size) await this.crossPhase(pool, scan, settings, holders, results);
    }
    if (cancelled()) return { results: [...results.values()], reused };
    // files under the scanned folders that the scan no longer finds leave the index
    const found = new Set(files.map(pathToUri));
    const roots = folders.map((f) => pathToUri(f).replace(/\/?$/, '/'));
    this.server.analyzer.index.retainScanned((uri) => found.has(uri) || !roots.some((r) => uri.startsWith(r)));
    for (const f of files) {
      const doc = this.server.documents.get(pathToUri(f));
      if (!doc) continue;
      try {
        const a = await this.server.analyzer.analyze(doc);
        results.set(f, { path: f, mtimeMs: 0, size: 0, findings: a.result?.findings ?? [], errors: a.result?.errors ?? [], hints: a.resolved ? [...a.resolved.hints] : [], refs: a.result?.chunks.flatMap((c) => c.entry.refs ?? []) ?? [] });
      } catch { /* changed while scanning: its own lint reports it */ }
    }
    return { results: files.map((f) => results.get(f)).filter((r): r is FileResult => !!r), reused };
  }

  /** Second phase: cross-object rules over the files that need them, with the whole workspace index visible. */
  private async crossPhase(pool: Pool, scan: number, settings: Settings, holders: Map<number, string[]>, results: Map<string, FileResult>): Promise<void> {
    const index = this.server.analyzer.index;
    const all = [...index.all()];
    const generation = index.generation;
    const merge = (rs: CrossResult[]) => {
      for (const c of rs) {
        const r = results.get(c.path);
        if (!r) continue;
        r.findings = [...r.findings, ...c.findings].sort((a, b) => a.offsets[0] - b.offsets[0] || a.offsets[1] - b.offsets[1]);
        r.errors = [...r.errors, ...c.errors];
        r.indexGeneration = generation;
      }
    };
    await Promise.all([...holders].map(async ([w, paths]) => {
      if (w < 0) { merge(this.held.cross(scan, paths, all)); return; }
      try { merge(await pool.run(w, { type: 'cross', scan, files: paths, objects: all })); }
      catch {
        // the worker is gone with its parses: lint these files again here and run their cross pass at once
        const again = new Held();
        again.begin(scan);
        const cross: string[] = [];
        for (const p of paths) {
          const r = lintFile(p, settings, this.server.trusted, this.server.currentGeneration(), again);
          results.set(p, r);
          if (r.cross) cross.push(p);
        }
        merge(again.cross(scan, cross, all));
      }
    }));
  }

  private summarize(results: FileResult[], reused: number, maxFileSize: number): ScanSummary {
    const s: ScanSummary = { files: results.length, findings: 0, byCategory: {}, byRule: {}, bySeverity: {}, items: [], reused, errors: [] };
    const conn = this.server.connection;
    const nowPublished = new Set<string>();
    for (const r of results) {
      const uri = pathToUri(r.path);
      const hints = new Set(r.hints ?? []);
      const open = !!this.server.documents.get(uri);
      const diags: Diagnostic[] = r.skipped === 'too-large' ? [tooLargeDiagnostic(r.size, maxFileSize)] : [];
      for (const e of r.errors) {
        s.errors.push({ uri, message: e.message });
        diags.push(errorToDiagnostic(e));
      }
      for (const f of r.findings) {
        s.findings++;
        s.byCategory[f.category] = (s.byCategory[f.category] ?? 0) + 1;
        s.byRule[f.ruleId] = (s.byRule[f.ruleId] ?? 0) + 1;
        s.bySeverity[f.severity] = (s.bySeverity[f.severity] ?? 0) + 1;
        s.items.push({ uri, ruleId: f.ruleId, severity: f.severity, category: f.category, message: f.message, range: f.range });
        if (!open) diags.push(findingToDiagnostic(f, uri, 0, hints));
      }
      if (open) continue;
      if (r.rendered) {
        // the RenderedPublisher speaks for files of a render; what the plain scan published there goes
        if (this.published.has(uri)) conn.sendDiagnostics({ uri, diagnostics: [] });
        continue;
      }
      if (diags.length) {
        conn.sendDiagnostics({ uri, diagnostics: diags });
        nowPublished.add(uri);
      } else if (this.published.has(uri)) {
        conn.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    const scanned = new Set(results.map((r) => pathToUri(r.path)));
    for (const uri of this.published) if (!scanned.has(uri) && !this.server.documents.get(uri)) conn.sendDiagnostics({ uri, diagnostics: [] });
    this.published = nowPublished;
    return s;
  }
}
