import { basename, dirname, extname, join, relative } from 'node:path';
import { DiagnosticSeverity, type CancellationToken, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isTemplateSource, type ConfigError } from '../engine';
import { configErrorToDiagnostic, errorToDiagnostic, findingToDiagnostic, tooLargeDiagnostic } from './convert';
import { DocLinter, Superseded, type DocResult } from './doc-lint';
import { ObjectIndex } from './object-index';
import { PolicyStore } from './policies';
import { RenderStore, renderedDiagnostics, type Linted, type OptionsFor } from './rendered';
import { RenderedPublisher } from './rendered-publish';
import { optionsForRoot, renderers } from '../render';
import { CONFIG_NAME, ConfigStore, loadConfigText, underChartTemplates, type Resolved, type Settings } from './settings';
import { PieceDocument } from './text-buffer';
import { pathToUri, uriToPath } from './uri';

export interface Analysis {
  version: number;
  diagnostics: Diagnostic[];
  /** The lint result, when the document was linted (not for disabled, skipped or non-manifest files). */
  result?: DocResult;
  resolved?: Resolved;
  /** For a file of a render: changes when its diagnostics change without a new version (part of the pull result id). */
  stamp?: string;
}

const LINTABLE = new Set(['.yaml', '.yml', '.json']);

export interface AnalyzerHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settingsFor(uri: string): Promise<Settings>;
  readonly trusted: boolean;
  /** A fresh render of the charts or kustomizations `linted`, triggered by the analysis of `uri`. */
  renderedUpdated?(linted: ReadonlyArray<Linted>, uri: string): void;
  workspaceFolders?(): string[];
  /** An open document was linted and holds Kubernetes objects. */
  linted?(): void;
}

/** Decides what an open document gets (lint, skip, config check, size notice) and keeps its caches. */
export class Analyzer {
  readonly configs: ConfigStore;
  /** Objects of open documents and scanned files, for cross-object rules. */
  readonly index = new ObjectIndex();
  /** Admission policies of the workspace as rules (see server/policies.ts). */
  readonly policies = new PolicyStore(this.index, (path) => this.host.documents.get(pathToUri(path))?.getText());
  /** Charts and kustomizations rendered over the open documents (see server/rendered.ts). */
  readonly rendered = new RenderStore(() => this.openTexts(), () => this.host.workspaceFolders?.() ?? []);
  /** The open documents' texts by path: the same map until a document opens, changes or closes. */
  private openMap?: { docs: Array<[string, number]>; map: Map<string, { text: string; version: number }> };
  /** Diagnostics of the closed files of a render (see server/rendered-publish.ts). */
  readonly renderedPublisher: RenderedPublisher;
  private linters = new Map<string, DocLinter>();
  private analyses = new Map<string, { result: DocResult; hintsKey: string; diagnostics: Diagnostic[] }>();
  private configDiagnostics = new Map<string, string>();

  constructor(private host: AnalyzerHost) {
    this.configs = new ConfigStore((path) => host.documents.get(pathToUri(path))?.getText());
    this.renderedPublisher = new RenderedPublisher(host.connection, (uri) => !!host.documents.get(uri));
  }

  /**
   * Render options of a chart or kustomization root: the `.kubehex.yaml` that governs the root may name values
   * files, `set` values, a release name and namespace (`helm: {charts: …}`). An untrusted workspace gets none of
   * that: every chart renders with its own values.yaml only.
   */
  renderOptions(): OptionsFor {
    const trusted = this.host.trusted;
    return (root) => {
      if (!trusted) return {};
      const c = this.configs.lookup(join(root, 'Chart.yaml'), true);
      return c.config && c.path ? optionsForRoot(root, {}, c.config, dirname(c.path)) : {};
    };
  }

  /**
   * A file of a chart or kustomization: the diagnostics the renders put on it. After a fresh render, the other
   * files of those renders are brought up to date too (closed ones published here, open ones by the host).
   */
  private async renderedAnalysis(path: string, uri: string, version: number, resolved: Resolved, stop: () => void): Promise<Diagnostic[] | undefined> {
    const before = this.rendered.renders;
    const linted = await this.rendered.sourcesFor(path, resolved.set, resolved.key, this.renderOptions(), stop);
    if (!linted.length) return undefined;
    if (this.rendered.renders !== before) {
      this.renderedPublisher.publish(linted, resolved.hints);
      this.host.renderedUpdated?.(linted, uri);
    }
    return renderedDiagnostics(linted, path, uri, version, resolved.hints);
  }

  /** A file of a render closed: it (and the rest of the render) now shows what the disk renders to. */
  async refreshRendered(path: string): Promise<void> {
    if (!renderers.length) return;
    const settings = await this.host.settingsFor(pathToUri(path));
    if (!settings.enable) return;
    const resolved = this.policies.apply(this.configs.resolve(path, settings, this.host.trusted), this.host.trusted);
    await this.renderedAnalysis(path, pathToUri(path), 0, resolved, () => undefined);
  }

  private openTexts(): ReadonlyMap<string, { text: string; version: number }> {
    const all = this.host.documents.all();
    const prev = this.openMap;
    if (prev && prev.docs.length === all.length && all.every((d, i) => prev.docs[i][0] === d.uri && prev.docs[i][1] === d.version)) return prev.map;
    const map = new Map<string, { text: string; version: number }>();
    for (const d of all) {
      const p = uriToPath(d.uri);
      // read when a render needs it (the text of a large document is joined only then)
      if (p) map.set(p, { version: d.version, get text() { return d.getText(); } });
    }
    this.openMap = { docs: all.map((d) => [d.uri, d.version]), map };
    return map;
  }

  forget(uri: string): void {
    this.linters.delete(uri);
    this.analyses.delete(uri);
    this.index.closeOpen(uri);
  }

  lastResult(uri: string): DocResult | undefined { return this.linters.get(uri)?.last; }

  /** Config files changed: drop what was derived from them (errors shown on closed config files too). */
  invalidateConfigs(): void {
    this.configs.invalidate();
    for (const uri of this.configDiagnostics.keys()) if (!this.host.documents.get(uri)) this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.configDiagnostics.clear();
  }

  lintable(doc: TextDocument): boolean {
    if (doc.languageId === 'yaml' || doc.languageId === 'json' || doc.languageId === 'jsonc') return true;
    const path = uriToPath(doc.uri);
    // a kustomization named `Kustomization` (no extension) builds its overlay like kustomization.yaml
    return !!path && (LINTABLE.has(extname(path).toLowerCase()) || basename(path) === 'Kustomization');
  }

  /** Analyses under way (the warm-up waits for none to be). */
  inFlight = 0;

  /** Diagnostics (and the lint result behind them) for the document's current version. */
  async analyze(doc: TextDocument, token?: CancellationToken): Promise<Analysis> {
    this.inFlight++;
    try {
      const a = await this.analyzeNow(doc, token);
      if (this.host.linted && a.result?.chunks.some((c) => c.entry.refs?.length)) this.host.linted();
      return a;
    } finally {
      this.inFlight--;
    }
  }

  private async analyzeNow(doc: TextDocument, token?: CancellationToken): Promise<Analysis> {
    const uri = doc.uri;
    const version = doc.version;
    const stop = (): Superseded | undefined => {
      if (token?.isCancellationRequested) return new Superseded('cancelled');
      const now = this.host.documents.get(uri);
      if (!now || now.version !== version) return new Superseded('changed');
      return undefined;
    };
    const settings = await this.host.settingsFor(uri);
    const s = stop();
    if (s) throw s;
    if (!settings.enable) return { version, diagnostics: [] };
    const path = uriToPath(uri);
    // an open document keeps its text in pieces: the edit path reads sizes, marks and the changed span from them
    // and never joins the whole text (see text-buffer.ts)
    const pieces = doc instanceof PieceDocument ? doc : undefined;
    const text = () => doc.getText();
    if (path && basename(path) === CONFIG_NAME) {
      const loaded = loadConfigText(path, text(), false);
      const errors = loaded.errors ?? [];
      // problems with the stand-in files it names (policies.values, context, userInfo), as warnings on the line
      // that names each
      if (!errors.length && loaded.config?.policies && this.host.trusted) this.policies.loaded(loaded.config, path);
      const standIns = errors.length || !this.host.trusted ? [] : this.policies.standInProblems(path).map((e) => ({
        ...configErrorToDiagnostic({
          file: path, line: e.configLine ?? e.line, character: 1,
          message: e.file === path ? e.message : `${relative(dirname(path), e.file)}:${e.line}: ${e.message}`,
        }),
        severity: DiagnosticSeverity.Warning,
      }));
      return { version, diagnostics: [...errors.map(configErrorToDiagnostic), ...standIns] };
    }
    if (path && renderers.length) {
      // a template, values file, patch or base resource: linted through the chart or kustomization that reads it
      const resolved = this.policies.apply(this.configs.resolve(path, settings, this.host.trusted), this.host.trusted);
      const diagnostics = await this.renderedAnalysis(path, uri, version, resolved, () => { const x = stop(); if (x) throw x; });
      if (diagnostics) return { version, diagnostics, resolved, stamp: hashOf(JSON.stringify(diagnostics)) };
    }
    if (!this.lintable(doc)) return { version, diagnostics: [] };
    const length = pieces ? pieces.textLength : text().length;
    const bytes = () => (pieces ? pieces.byteLength() : Buffer.byteLength(text()));
    if (length > settings.maxFileSize || (length * 3 > settings.maxFileSize && bytes() > settings.maxFileSize)) {
      return { version, diagnostics: [tooLargeDiagnostic(bytes(), settings.maxFileSize)] };
    }
    const json = doc.languageId === 'json' || doc.languageId === 'jsonc' || (!!path && extname(path).toLowerCase() === '.json');
    if (json && !(/"apiVersion"\s*:/.test(text()) && /"kind"\s*:/.test(text()))) return { version, diagnostics: [] };
    // without `{{` nothing is a template source (isTemplateSource's first test), unless under a chart's templates/
    const underTemplates = path ? underChartTemplates(path) : false;
    if ((underTemplates || !pieces || pieces.hasBraces()) && isTemplateSource(underTemplates ? '' : text(), underTemplates)) return { version, diagnostics: [] };
    let resolved = this.policies.apply(this.configs.resolve(path, settings, this.host.trusted), this.host.trusted);
    if (resolved.config.path) this.reportConfig(resolved.config.path, resolved.config.errors);
    if (path && resolved.config.path && resolved.config.ignore) {
      const rel = relative(dirname(resolved.config.path), path).split('\\').join('/');
      if (resolved.config.ignore.matchesPathOrParent(rel, false)) return { version, diagnostics: [] };
    }
    let linter = this.linters.get(uri);
    if (!linter) this.linters.set(uri, (linter = new DocLinter(uri, path, this.index)));
    // a policy file: its new objects reach the index during the lint, and the policies change with them; the
    // cross pass runs with the policies of this version (refine), or else the lint runs again (chunks reused)
    const policiesNow = () => this.policies.apply(this.configs.resolve(path, settings, this.host.trusted), this.host.trusted);
    const refine = () => { const r = policiesNow(); return { set: r.set, key: r.key, localKey: r.localKey ?? r.key }; };
    const source = pieces ? pieces.source() : text();
    let result = await linter.lint(source, version, resolved.set, resolved.key, stop, resolved.localKey, refine);
    const again = policiesNow();
    if (again.key !== result.key) result = await linter.lint(source, version, again.set, again.key, stop, again.localKey);
    if (again.key !== resolved.key) resolved = again;
    const hintsKey = [...resolved.hints].join(',');
    const cached = this.analyses.get(uri);
    if (cached && cached.result === result && cached.hintsKey === hintsKey) return { version, diagnostics: cached.diagnostics, result, resolved };
    const diagnostics = diagnosticsOf(result, uri, version, resolved.hints);
    this.analyses.set(uri, { result, hintsKey, diagnostics });
    return { version, diagnostics, result, resolved };
  }

  /** A broken `.kubehex.yaml` gets its error shown on itself (an open config file reports it through its own lint). */
  private reportConfig(path: string, errors: ReadonlyArray<ConfigError> | undefined): void {
    const uri = pathToUri(path);
    if (this.host.documents.get(uri)) return;
    const key = errors?.length ? JSON.stringify(errors) : '';
    if ((this.configDiagnostics.get(uri) ?? '') === key) return;
    if (key) this.configDiagnostics.set(uri, key);
    else this.configDiagnostics.delete(uri);
    this.host.connection.sendDiagnostics({ uri, diagnostics: (errors ?? []).map(configErrorToDiagnostic) });
  }
}

/** A lint result's diagnostics: its parse errors, then its findings. */
export function diagnosticsOf(result: DocResult, uri: string, version: number, hints: ReadonlySet<string>): Diagnostic[] {
  return [...result.errors.map(errorToDiagnostic), ...result.findings.map((f) => findingToDiagnostic(f, uri, version, hints))];
}

/** A short hash (FNV-1a, 32 bits) of a string, in base 36. */
function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
