import { basename } from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, FIX_ALL_KIND, HARDEN_KIND } from './actions';
import { Analyzer, type Analysis } from './analyzer';
import { findingToDiagnostic } from './convert';
import { Superseded } from './doc-lint';
import { hover } from './hover';
import { policyLenses } from './policy-lens';
import type { K8sObject } from '../engine';
import { evaluationStats } from '../policies';
import { WorkspaceScanner, type ScanParams } from './scan';
import { workspaceReport, type ReportParams } from './report';
import { CONFIG_NAME, DEFAULT_SETTINGS, clearChartCache, normalizeSettings, type Settings } from './settings';
import { PIECE_DOCUMENTS } from './text-buffer';
import { partOf, type Linted } from './rendered';

/**
 * Push-mode wait after a keystroke in a file of a chart or kustomization, within a burst (a render of an earlier
 * version still waits or runs; a newer keystroke abandons a stale render). See renderDebounce.
 */
const RENDER_DEBOUNCE_MS = 30;
/**
 * Push mode: an edit whose lint costs at most this much work (ms) is linted and published at once, unless the
 * keystrokes come faster than that (then they coalesce). One slice of the linter's synchronous work.
 */
const CHEAP_LINT_MS = 8;
/** The longest push-mode wait after a keystroke. */
const MAX_DEBOUNCE_MS = 150;

type Timer = NodeJS.Timeout | NodeJS.Immediate;
function cancel(t: Timer | undefined): void {
  if (!t) return;
  clearTimeout(t as NodeJS.Timeout);
  clearImmediate(t as NodeJS.Immediate);
}
import { pathToUri, uriToPath } from './uri';
import { WARM_UP_EDITS, WarmUp } from './warm-up';

export type { Analysis };

/** The language server: LSP on one side, the engine on the other, caches in between. */
export class KubehexServer {
  /** Open documents as piece lists: an edit does not copy the whole text (see text-buffer.ts). */
  readonly documents = new TextDocuments<TextDocument>(PIECE_DOCUMENTS);
  private settingsCache = new Map<string, Promise<Settings>>();
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private caps: ClientCapabilities = {};
  private pull = false;
  trusted = true;
  /** Bumped by any settings, trust or config change; part of every pull result id. */
  private generation = 0;
  private timers = new Map<string, Timer>();
  /** Work (ms) of the last lint of each document that linted something; the open's lint included. */
  private lastCost = new Map<string, number>();
  /** Work (ms) of the last few lints after an edit (the open's lint is no measure of an edit's). */
  private editCost = new Map<string, number[]>();
  /** When each document last changed (performance.now()), to tell a burst of keystrokes from a pause. */
  private lastEdit = new Map<string, number>();
  /** Push mode: lints of each document under way (started, not yet published or dropped). */
  private running = new Map<string, number>();
  private savedVersion = new Map<string, number>();
  private lastReport = new Map<string, { resultId: string; items: Diagnostic[] }>();
  private configTimer?: NodeJS.Timeout;
  readonly analyzer: Analyzer;
  private scanner: WorkspaceScanner;
  private folders: string[] = [];

  private indexTimer?: NodeJS.Timeout;
  /** When a handler last ran (performance.now()), and how many of the async ones are still under way. */
  private lastActivity = performance.now();
  private handling = 0;
  /** Lints a sample of its own while the server is idle, so that V8 has optimised the linter before the user types. */
  readonly warmUp?: WarmUp;
  /** Push mode: what was last published per document, so an index change re-publishes only what changed. */
  private lastSent = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  constructor(readonly connection: Connection) {
    this.analyzer = new Analyzer(this);
    // KUBEHEX_LSP_WARMUP: 0 turns the warm-up off, another number sets how many edits it makes
    const edits = Number(process.env.KUBEHEX_LSP_WARMUP || WARM_UP_EDITS);
    if (edits !== 0) {
      this.warmUp = new WarmUp({
        rules: () => this.analyzer.configs.resolve(undefined, this.globalSettings, this.trusted),
        lastActivity: () => this.lastActivity,
        busy: () => this.handling > 0 || this.analyzer.inFlight > 0 || this.timers.size > 0 || this.running.size > 0 || !!this.configTimer || !!this.indexTimer,
      }, Number.isInteger(edits) && edits > 0 ? edits : WARM_UP_EDITS);
    }
    this.scanner = new WorkspaceScanner(this);
    this.analyzer.index.onChange(() => {
      if (this.indexTimer) return;
      this.indexTimer = setTimeout(() => {
        this.indexTimer = undefined;
        void this.indexChanged();
      }, 20);
    });
  }

  /**
   * Objects in the workspace index changed (a document edited, opened or closed, a scan): open documents whose
   * cross-object findings change are re-published (push) or re-pulled (`workspace/diagnostic/refresh`).
   */
  private async indexChanged(): Promise<void> {
    let refresh = false;
    for (const doc of this.documents.all()) {
      // compared with what the client last got: another request (a scan, a hover) may have re-linted it since
      if (!this.pull) {
        if (this.lastSent.get(doc.uri)?.version === doc.version) this.schedule(doc.uri, 0, true);
        continue;
      }
      const prev = this.lastReport.get(doc.uri);
      if (!prev) continue;
      try {
        const a = await this.analyzer.analyze(doc);
        if (a.diagnostics !== prev.items) refresh = true;
      } catch { /* changed meanwhile: its own pull follows */ }
    }
    if (refresh && this.caps.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
    // policy lenses count objects of other documents: ask the client to ask again
    if (this.caps.workspace?.codeLens?.refreshSupport && this.analyzer.policies.hasPolicies()) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /**
   * A handler that marks the server active while it runs (until its promise settles, for an async one): the
   * warm-up waits for a quiet spell.
   */
  private act<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      this.lastActivity = performance.now();
      const r = f(...args);
      if (r instanceof Promise) {
        this.handling++;
        void r.then(this.settled, this.settled);
      }
      return r;
    };
  }

  private settled = (): void => {
    this.handling--;
    this.lastActivity = performance.now();
  };

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(this.act(() => this.initialized()));
    c.onDidChangeConfiguration(this.act((p) => {
      const raw = (p.settings as { kubehex?: unknown } | undefined)?.kubehex;
      if (raw !== undefined) this.globalSettings = normalizeSettings(raw);
      this.settingsCache.clear();
      this.changed();
    }));
    c.onDidChangeWatchedFiles(this.act((p) => {
      let config = false;
      let chart = false;
      for (const ch of p.changes) {
        const name = basename(uriToPath(ch.uri) ?? ch.uri);
        if (name === CONFIG_NAME) config = true;
        else if (name === 'Chart.yaml') chart = true;
      }
      // a file a render reads may have changed on disk: cached renders are stale
      if (this.analyzer.rendered.invalidate()) chart = true;
      if (chart) clearChartCache();
      if (config) this.configChanged();
      else if (chart) this.changed();
    }));
    c.onNotification('kubehex/setTrusted', this.act((p: { isTrusted?: boolean } | undefined) => {
      const t = p?.isTrusted !== false;
      if (t === this.trusted) return;
      this.trusted = t;
      this.analyzer.invalidateConfigs();
      this.changed();
    }));

    const docs = this.documents;
    docs.onDidOpen(this.act((e) => {
      if (this.isConfigDoc(e.document.uri)) this.configChanged();
      // a scan or a render may have pushed diagnostics for this file; pulled ones replace them now
      const pushed = this.scanner.publishedFor(e.document.uri) || this.analyzer.renderedPublisher.publishedFor(e.document.uri);
      this.analyzer.renderedPublisher.opened(e.document.uri);
      if (this.pull && pushed) c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }));
    docs.onDidChangeContent(this.act((e) => {
      if (this.isConfigDoc(e.document.uri)) this.configChanged();
      // a template, values file or patch: its analysis renders again and then updates every other file of the
      // render (renderedUpdated); renders wait less than lints, since a newer keystroke abandons a stale one
      const changedPath = uriToPath(e.document.uri);
      const renderInput = !!changedPath && this.analyzer.rendered.touches(changedPath);
      if (this.pull) return;
      const uri = e.document.uri;
      const at = performance.now();
      const gap = at - (this.lastEdit.get(uri) ?? -Infinity);
      this.lastEdit.set(uri, at);
      // a lint of an earlier version still waits or runs: this keystroke is part of a burst
      const busy = this.timers.has(uri) || this.running.has(uri);
      void this.settingsFor(uri).then((s) => {
        // the first content (open) is linted at once; edits wait for the debounce
        if (!this.lastCost.has(uri)) this.schedule(uri, 0);
        else if (s.run === 'onType') this.schedule(uri, renderInput ? this.renderDebounce(busy) : this.debounce(uri, gap, busy));
      });
    }));
    docs.onDidSave(this.act((e) => {
      this.savedVersion.set(e.document.uri, e.document.version);
      if (this.pull) { if (this.caps.workspace?.diagnostics?.refreshSupport) void c.languages.diagnostics.refresh(); }
      else this.schedule(e.document.uri, 0);
    }));
    docs.onDidClose(this.act((e) => {
      const uri = e.document.uri;
      cancel(this.timers.get(uri));
      this.timers.delete(uri);
      this.analyzer.forget(uri);
      this.lastReport.delete(uri);
      this.savedVersion.delete(uri);
      this.lastCost.delete(uri);
      this.editCost.delete(uri);
      this.lastEdit.delete(uri);
      this.lastSent.delete(uri);
      this.settingsCache.delete(uri);
      if (this.isConfigDoc(uri)) this.configChanged();
      if (!this.pull) c.sendDiagnostics({ uri, diagnostics: [] });
      // a file of a chart or kustomization: it and the rest of the render now show what the disk renders to
      const path = uriToPath(uri);
      if (path && this.analyzer.rendered.touches(path)) void this.analyzer.refreshRendered(path).catch(() => undefined);
    }));
    docs.listen(c);

    c.languages.diagnostics.on(this.act(async (params, token) => {
      const doc = docs.get(params.textDocument.uri);
      if (!doc) return { kind: 'full', items: [] };
      const settings = await this.settingsFor(doc.uri);
      const prev = this.lastReport.get(doc.uri);
      // onSave: keep the saved result until the next save, unless settings or config changed since
      if (settings.run === 'onSave' && prev && prev.resultId.split(':')[1] === String(this.generation) && this.savedVersion.get(doc.uri) !== doc.version) {
        return params.previousResultId === prev.resultId ? { kind: 'unchanged', resultId: prev.resultId } : { kind: 'full', resultId: prev.resultId, items: prev.items };
      }
      // the analysis is cached (per version, settings and index generation); cross-object findings may change
      // without a new version, so the result id carries their stamp
      const a = await this.analyzeOrCancel(doc, token);
      const resultId = `${doc.version}:${this.generation}:${a.result?.crossStamp ?? a.stamp ?? 0}`;
      if (prev && params.previousResultId === resultId && prev.resultId === resultId) return { kind: 'unchanged', resultId };
      const report: DocumentDiagnosticReport = { kind: 'full', resultId, items: a.diagnostics };
      this.lastReport.set(doc.uri, { resultId, items: a.diagnostics });
      return report;
    }));

    c.onCodeAction(this.act(async (params, token) => {
      const doc = docs.get(params.textDocument.uri);
      if (!doc) return [];
      const a = await this.analyzeOrCancel(doc, token);
      const path = uriToPath(doc.uri);
      // findings of a rendered chart or kustomization: the fix edits the values file, template or patch
      if (!a.result && a.resolved && path) return this.analyzer.rendered.codeActions(path, params.context.diagnostics, a.resolved.set, a.resolved.key, this.analyzer.renderOptions());
      if (!a.result || !a.resolved) return [];
      const hints = a.resolved.hints;
      return codeActions(doc, a.result, a.resolved.set, params, (f) => findingToDiagnostic(f, doc.uri, doc.version, hints));
    }));

    c.onHover(this.act(async (params, token) => {
      const doc = docs.get(params.textDocument.uri);
      if (!doc) return null;
      const a = await this.analyzeOrCancel(doc, token);
      const path = uriToPath(doc.uri);
      if (!a.result && a.resolved && path) {
        // a template or values line of a rendered chart or kustomization: what it rendered to
        const md = await this.analyzer.rendered.renderedLines(path, params.position.line, a.resolved.set, a.resolved.key, this.analyzer.renderOptions());
        return md ? { contents: { kind: 'markdown', value: md } } : null;
      }
      if (!a.result) return null; // only linted manifests get hovers
      return hover(doc, a.result, params.position);
    }));

    // what each admission policy written in the document does to the workspace: "rejects 3 of 41 objects"
    c.onCodeLens(this.act(async (params, token) => {
      const doc = docs.get(params.textDocument.uri);
      if (!doc || !this.trusted) return [];
      const a = await this.analyzeOrCancel(doc, token);
      if (!a.resolved) return [];
      const loaded = this.analyzer.policies.loaded(a.resolved.config.config, a.resolved.config.path);
      if (!loaded.units.length) return [];
      return policyLenses(doc, loaded, await this.lensObjects(token), (uri) => docs.get(uri)?.getText());
    }));

    // what the per-document cache did for the last result (tests and the benchmark read it)
    c.onRequest('kubehex/documentStats', (p: { uri: string }) => {
      const last = this.analyzer.lastResult(p.uri);
      return last ? { version: last.version, chunks: last.chunks.length, linted: last.linted, findings: last.findings.length } : null;
    });

    // how many admission-policy evaluations the server ran (memo misses; tests read it)
    c.onRequest('kubehex/policyStats', () => ({ evaluated: evaluationStats.evaluated }));

    // how far the warm-up got (tests and the benchmark read it)
    c.onRequest('kubehex/warmUpStats', () => ({ edits: this.warmUp?.edits ?? 0, total: this.warmUp?.total ?? 0 }));

    // "Show Rendered Manifest": what the chart or kustomization that reads this file renders to
    c.onRequest('kubehex/renderedManifest', this.act(async (p: { uri: string }) => {
      const path = uriToPath(p.uri);
      if (!path) return null;
      const settings = await this.settingsFor(p.uri);
      const resolved = this.analyzer.configs.resolve(path, settings, this.trusted);
      return (await this.analyzer.rendered.renderedText(path, resolved.set, resolved.key, this.analyzer.renderOptions())) ?? null;
    }));

    c.onRequest('kubehex/scanWorkspace', this.act((params: ScanParams | undefined, token) => this.scanner.scan(params ?? {}, token, params)));
    // the posture report: a workspace scan (unchanged files come from its cache), then the report of its results
    c.onRequest('kubehex/report', this.act(async (params: ReportParams | undefined, token) => {
      const p = params ?? {};
      const scanParams = { folders: p.folders, exclude: p.exclude, workDoneToken: p.workDoneToken };
      await this.scanner.scan(scanParams, token, scanParams);
      const folders = p.folders?.length ? p.folders.map((f) => (f.startsWith('file:') ? uriToPath(f) ?? f : f)) : this.workspaceFolders();
      const settings = await this.settingsFor(folders[0] ? pathToUri(folders[0]) : '');
      return workspaceReport(this.scanner.lastResults(), folders, this.trusted ? settings.profile : undefined, p.format === 'json' ? 'json' : 'html');
    }));

    c.onShutdown(() => {
      this.warmUp?.stop();
      for (const t of this.timers.values()) cancel(t);
      clearTimeout(this.indexTimer);
      this.timers.clear();
      return this.scanner.dispose();
    });
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    this.caps = p.capabilities;
    this.pull = !!p.capabilities.textDocument?.diagnostic;
    const opts = (p.initializationOptions ?? {}) as { isTrusted?: boolean; settings?: unknown };
    this.trusted = opts.isTrusted !== false;
    if (opts.settings !== undefined) this.globalSettings = normalizeSettings(opts.settings);
    const folders = p.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((x): x is string => !!x);
    const root = p.rootUri ? uriToPath(p.rootUri) : p.rootPath ?? undefined;
    this.folders = folders?.length ? folders : root ? [root] : [];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND, HARDEN_KIND] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        ...(this.pull ? { diagnosticProvider: { identifier: 'kubehex', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kubehex', version: '0.1.0' },
    };
  }

  private initialized(): void {
    if (this.caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_NAME}` }, { globPattern: '**/Chart.yaml' }],
      });
    }
    if (this.caps.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        this.folders = this.folders.filter((f) => !removed.has(f));
        for (const f of e.added) { const p = uriToPath(f.uri); if (p) this.folders.push(p); }
      });
    }
  }

  /**
   * Every object a policy lens counts: the workspace index, once every open document is linted for its current
   * version (with policies loaded, the index keeps all kinds of an open document's objects). It is the very array,
   * holding the very objects, that the open documents' cross-object pass gave the policies, so the lens reads the
   * verdicts that pass memoised (policies/load.ts evaluateUnit, per Env of that array): each policy is evaluated
   * once per object, not once for the diagnostics and again, on a second parse of the text, for the lens.
   */
  private async lensObjects(token: CancellationToken): Promise<ReadonlyArray<K8sObject>> {
    for (const d of this.documents.all()) {
      try { await this.analyzer.analyze(d, token); } catch { /* changed or cancelled: its index entry stays as it was */ }
    }
    return this.analyzer.index.all();
  }

  /** The warm-up starts once the user has a Kubernetes manifest open (an idle server with none does nothing). */
  linted(): void { this.warmUp?.start(); }

  workspaceFolders(): string[] { return this.folders; }
  isPull(): boolean { return this.pull; }
  capabilities(): ClientCapabilities { return this.caps; }
  currentGeneration(): number { return this.generation; }

  private isConfigDoc(uri: string): boolean { return basename(uriToPath(uri) ?? uri) === CONFIG_NAME; }


  settingsFor(uri: string): Promise<Settings> {
    if (!this.caps.workspace?.configuration) return Promise.resolve(this.globalSettings);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubehex' }).then(
        (raw) => (raw === null || raw === undefined ? this.globalSettings : normalizeSettings(raw)),
        () => this.globalSettings,
      );
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  /** Settings, trust or config changed: everything open is re-linted (or re-pulled). */
  changed(): void {
    this.generation++;
    if (this.pull) {
      if (this.caps.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
    } else {
      for (const d of this.documents.all()) this.schedule(d.uri, 0);
    }
  }

  /**
   * The analysis of `uri` rendered a chart or kustomization anew: every other open file of it is brought up to
   * date (pushed when its diagnostics changed, or re-pulled). The renders are cached, so this costs no render.
   */
  renderedUpdated(linted: ReadonlyArray<Linted>, uri: string): void {
    if (this.pull) {
      if (this.caps.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const d of this.documents.all()) {
      if (d.uri === uri) continue;
      const p = uriToPath(d.uri);
      if (p && linted.some((l) => partOf(l, p))) this.schedule(d.uri, 0, true);
    }
  }

  private configChanged(): void {
    clearTimeout(this.configTimer);
    this.configTimer = setTimeout(() => {
      this.configTimer = undefined;
      this.analyzer.invalidateConfigs();
      this.changed();
    }, 30);
  }

  /**
   * Push mode: how long to wait after a keystroke `gap` ms after the one before, from the work the last edit's
   * lint took. A keystroke that finds no lint of the document waiting or running (`busy` false: the last one's
   * diagnostics are out) runs at once, whatever the lint costs: there is nothing to coalesce it with, and a wait
   * would only delay its diagnostics. Within a burst, a cheap lint (at most CHEAP_LINT_MS) after a pause at least
   * that long also runs at once. Keystrokes that come faster than the lint, or a lint that costs more, wait about
   * one lint (two within a burst), so that a burst of keystrokes costs one lint rather than one per keystroke; a
   * newer keystroke also abandons a running lint (see doc-lint.ts).
   */
  debounce(uri: string, gap: number, busy = true): number {
    if (!busy) return 0;
    const costs = this.editCost.get(uri);
    // no edit measured yet: lint at once (a newer keystroke abandons it at its next slice)
    if (!costs?.length) return 0;
    // the median of the last few: one lint slowed down by a garbage collection or a busy machine is no measure
    const cost = [...costs].sort((x, y) => x - y)[costs.length >> 1];
    if (cost <= CHEAP_LINT_MS && gap >= cost) return 0;
    return Math.min(MAX_DEBOUNCE_MS, Math.max(2, Math.ceil(gap < cost ? 2 * cost : cost)));
  }

  /**
   * Push mode: the wait after a keystroke in a file a render reads. One that finds no render of the document
   * waiting or running renders at once (nothing to coalesce it with: a wait would only delay its diagnostics);
   * within a burst, RENDER_DEBOUNCE_MS, so that a burst costs one render rather than one per keystroke.
   */
  renderDebounce(busy: boolean): number { return busy ? RENDER_DEBOUNCE_MS : 0; }

  /**
   * `ifChanged`: publish only when the diagnostics differ from the last ones published for this version. A delay
   * of 0 runs after the messages already read (setImmediate), without the timer's millisecond.
   */
  schedule(uri: string, delay: number, ifChanged = false): void {
    if (ifChanged && this.timers.has(uri)) return; // a lint is already on its way
    cancel(this.timers.get(uri));
    const run = () => {
      this.timers.delete(uri);
      void this.push(uri, ifChanged);
    };
    this.timers.set(uri, delay > 0 ? setTimeout(run, delay) : setImmediate(run));
  }

  private async push(uri: string, ifChanged = false): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const before = this.analyzer.lastResult(uri);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
    try {
      const a = await this.analyzer.analyze(doc);
      // the lint's work: its CPU time, or its wall time when that is less (other threads count in the CPU time)
      const cpu = process.cpuUsage(c0);
      const cost = Math.min(performance.now() - t0, (cpu.user + cpu.system) / 1000);
      if (!this.lastCost.has(uri)) this.lastCost.set(uri, cost);
      else if (a.result && a.result !== before && a.result.linted) {
        // only a lint that parsed an edited chunk here measures an edit (not a result made before, nor a
        // re-publish after another file changed)
        this.lastCost.set(uri, cost);
        const costs = this.editCost.get(uri) ?? [];
        if (costs.push(cost) > 5) costs.shift();
        this.editCost.set(uri, costs);
      }
      const now = this.documents.get(uri);
      if (!now || now.version !== version) return; // a stale result is never published
      const sent = this.lastSent.get(uri);
      if (ifChanged && sent && sent.version === version && sent.diagnostics === a.diagnostics) return;
      this.lastSent.set(uri, { version, diagnostics: a.diagnostics });
      this.connection.sendDiagnostics({ uri, version, diagnostics: a.diagnostics });
    } catch (e) {
      if (e instanceof Superseded) return;
      this.connection.console.error(`kubehex: lint of ${uri} failed: ${(e as Error).stack ?? e}`);
    } finally {
      const n = (this.running.get(uri) ?? 1) - 1;
      if (n > 0) this.running.set(uri, n);
      else this.running.delete(uri);
    }
  }

  async analyzeOrCancel(doc: TextDocument, token: CancellationToken): Promise<Analysis> {
    try {
      return await this.analyzer.analyze(doc, token);
    } catch (e) {
      if (e instanceof Superseded) {
        if (e.reason === 'changed') throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      throw e;
    }
  }

}
