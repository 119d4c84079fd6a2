// "kubehex: Show Security Posture": the server's posture report (kubehex/report) in a webview. The page has no
// script of its own; this panel swaps its Content-Security-Policy for one that allows only a nonce'd script,
// which turns clicks on a finding's location into "open the file at that range". Recipes open with <details>.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type ReportResult } from './protocol';
import { excludedGlobs } from './scan';
import { webviewHtml } from './webview-html';

export interface OpenMessage { type: 'open'; file: unknown; line: unknown; character: unknown; endLine: unknown; endCharacter: unknown }

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

export class PosturePanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private running?: Promise<void>;
  private again = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last report shown (the end-to-end tests read it). */
  last?: ReportResult;

  constructor(private readonly client: () => LanguageClient | undefined) {
    // "updates as files change": saved and changed manifests refresh an open panel, once things settle
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
    const soon = () => this.schedule();
    this.subscriptions.push(watcher, watcher.onDidChange(soon), watcher.onDidCreate(soon), watcher.onDidDelete(soon), vscode.workspace.onDidSaveTextDocument(soon));
  }

  get visible(): boolean { return !!this.panel; }

  async show(): Promise<void> {
    if (this.panel) this.panel.reveal();
    else {
      this.panel = vscode.window.createWebviewPanel('kubehex.posture', 'kubehex: Security Posture', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [], enableFindWidget: true });
      this.panel.onDidDispose(() => { this.panel = undefined; });
      this.panel.webview.onDidReceiveMessage((m: OpenMessage) => this.openLocation(m));
      this.panel.webview.html = '<!doctype html><html><body><p>kubehex: building the posture report…</p></body></html>';
    }
    await this.refresh();
  }

  /** Rebuilds the report if the panel is open (after a workspace scan, or when files change). */
  refresh(): Promise<void> {
    if (!this.panel) return Promise.resolve();
    if (this.running) { this.again = true; return this.running; }
    this.running = this.load().finally(() => {
      this.running = undefined;
      if (this.again) { this.again = false; void this.refresh(); }
    });
    return this.running;
  }

  private schedule(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.refresh(); }, 1500);
  }

  private async load(): Promise<void> {
    const c = this.client();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!c || !folders.length || !this.panel) return;
    const exclude = [...new Set(folders.flatMap((f) => excludedGlobs(f)))];
    try {
      const r = await c.sendRequest(ReportRequest, { folders: folders.map((f) => f.uri.fsPath), exclude, format: 'html' });
      this.last = r;
      if (this.panel && r.html) this.panel.webview.html = webviewHtml(r.html, randomBytes(16).toString('base64'));
    } catch (e) {
      void vscode.window.showErrorMessage(`kubehex: the posture report failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** What a click on a finding in the webview does: open its file at its range (workspace files only). */
  async openLocation(m: OpenMessage): Promise<void> {
    if (!m || m.type !== 'open' || typeof m.file !== 'string' || !m.file) return;
    const uri = vscode.Uri.file(m.file);
    if (!vscode.workspace.getWorkspaceFolder(uri)) return; // the report lists workspace files only
    const range = new vscode.Range(num(m.line), num(m.character), num(m.endLine), num(m.endCharacter));
    await vscode.window.showTextDocument(uri, { selection: range, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
