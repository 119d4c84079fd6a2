// VS Code side of kubehex: starts the language server (dist/server.js, over IPC) and adds the workspace
// scan command, the findings tree, the status-bar totals and the posture dashboard. No lint logic here: everything goes over LSP.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FindingsTree, type FindingNode } from './findings-tree';
import { PosturePanel } from './posture';
import { SetTrustedNotification, type ScanWorkspaceResult } from './protocol';
import { scanWorkspace, summarize } from './scan';
import { KubehexStatus } from './status';

/** What activate() returns: used by the end-to-end tests and available to other extensions. */
export interface KubehexApi {
  readonly client: () => LanguageClient | undefined;
  /** Milliseconds from activation to the first kubehex diagnostics, once they have arrived. */
  readonly firstDiagnosticsMs: () => number | undefined;
  /** Milliseconds activate() took (the language server starts in the background). */
  readonly activateMs: number;
  readonly lastScan: () => ScanWorkspaceResult | undefined;
  /** The findings tree's data (category -> rule -> finding), as the view shows it. */
  readonly tree: vscode.TreeDataProvider<FindingNode>;
  /** The "Show Security Posture" webview. */
  readonly posture: PosturePanel;
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const documentSelector = [
    ...['file', 'untitled'].flatMap((scheme) => [{ scheme, language: 'yaml' }, { scheme, language: 'json' }]),
    // Helm templates and helpers (any language id an editor gives them): linted through their chart's render
    { scheme: 'file', language: 'helm' },
    { scheme: 'file', language: 'helm-tpl' },
    { scheme: 'file', pattern: '**/templates/**/*.tpl' },
    // a kustomization may be named `Kustomization`, with no extension (and so no YAML language id)
    { scheme: 'file', pattern: '**/Kustomization' },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: { isTrusted: vscode.workspace.isTrusted },
    synchronize: {
      configurationSection: 'kubehex',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.kubehex.yaml'),
        // files charts and kustomizations read: a change on disk re-renders them
        vscode.workspace.createFileSystemWatcher('**/{Chart.yaml,kustomization.yaml,kustomization.yml,Kustomization,values*.yaml,*.tpl}'),
        vscode.workspace.createFileSystemWatcher('**/templates/**'),
      ],
    },
  };
  // The id "kubehex" makes the client read `kubehex.trace.server` by itself.
  return new LanguageClient('kubehex', 'kubehex', serverOptions, clientOptions);
}

const RENDERED_SCHEME = 'kubehex-rendered';

/** Read-only documents holding what a chart or kustomization renders to ("Show Rendered Manifest"). */
class RenderedDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string { return this.texts.get(uri.toString()) ?? ''; }
}

const rendered = new RenderedDocuments();

export async function activate(context: vscode.ExtensionContext): Promise<KubehexApi> {
  const activatedAt = Date.now();
  let firstDiagnosticsMs: number | undefined;
  let lastScan: ScanWorkspaceResult | undefined;
  output = vscode.window.createOutputChannel('kubehex', { log: true });
  const tree = new FindingsTree();
  const status = new KubehexStatus();
  const view = vscode.window.createTreeView('kubehex', { treeDataProvider: tree, showCollapseAll: true });
  const posture = new PosturePanel(() => client);
  context.subscriptions.push(output, tree, status, view, posture);

  const firstDiagnostics = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => vscode.languages.getDiagnostics(u).some((d) => d.source === 'kubehex'))) return;
    firstDiagnosticsMs = Date.now() - activatedAt;
    output?.info(`activation to first diagnostics: ${firstDiagnosticsMs} ms`);
    firstDiagnostics.dispose();
  });
  context.subscriptions.push(firstDiagnostics);

  // The server starts in the background so that activation returns at once; commands await `starting`.
  let starting: Promise<void> = Promise.resolve();
  const start = (): Promise<void> => {
    if (client) return starting;
    const c = (client = createClient(context));
    starting = c.start().catch((e: unknown) => {
      output?.error(`the kubehex language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      if (client === c) client = undefined;
      void vscode.window.showErrorMessage('kubehex: the language server did not start (see Output → kubehex).');
    });
    return starting;
  };
  const stop = async () => {
    const c = client;
    client = undefined;
    if (c) await c.stop();
  };
  const enabled = () => vscode.workspace.getConfiguration('kubehex').get<boolean>('enable', true);

  context.subscriptions.push(
    vscode.commands.registerCommand('kubehex.scanWorkspace', async () => {
      await starting;
      if (!client) {
        void vscode.window.showWarningMessage('kubehex is disabled (setting "kubehex.enable").');
        return undefined;
      }
      status.setScanning(true);
      try {
        const result = await scanWorkspace(client);
        if (!result) return undefined;
        lastScan = result;
        tree.update(result);
        view.message = result.findings ? undefined : `No findings in ${result.files} file(s).`;
        view.badge = { value: result.findings, tooltip: `${result.findings} finding(s)` };
        void vscode.window.setStatusBarMessage(summarize(result), 10000);
        void posture.refresh();
        return result;
      } finally {
        status.setScanning(false);
      }
    }),
    vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, rendered),
    vscode.commands.registerCommand('kubehex.showRendered', async () => {
      await starting;
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return;
      const res = await client.sendRequest<{ root: string; text: string; errors: string[] } | null>('kubehex/renderedManifest', { uri: editor.document.uri.toString() });
      if (!res) {
        void vscode.window.showInformationMessage('kubehex: this file is not part of a Helm chart or kustomization that kubehex renders.');
        return;
      }
      const uri = vscode.Uri.from({ scheme: RENDERED_SCHEME, path: `${res.root}/rendered.yaml` });
      rendered.set(uri, res.errors.length ? `# render failed:\n${res.errors.map((e) => `# ${e}`).join('\n')}\n` : res.text);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('kubehex.showPosture', async () => {
      await starting;
      if (!client) {
        void vscode.window.showWarningMessage('kubehex is disabled (setting "kubehex.enable").');
        return;
      }
      await posture.show();
    }),
    // a policy's code lens ("rejects 3 of 41 objects"): the rejected objects as a references list
    vscode.commands.registerCommand('kubehex.showPolicyObjects', async (uri: string, at: { line: number; character: number }, locs: Array<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>) => {
      const pos = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
      const locations = (locs ?? []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(pos(l.range.start), pos(l.range.end))));
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), pos(at), locations);
    }),
    vscode.commands.registerCommand('kubehex.restartServer', async () => {
      await stop();
      if (enabled()) await start();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(SetTrustedNotification, { isTrusted: true });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kubehex.enable')) return;
      void (enabled() ? start() : stop());
    }),
  );

  if (enabled()) void start();
  const activateMs = Date.now() - activatedAt;
  output.info(`activated in ${activateMs} ms`);
  return { client: () => client, firstDiagnosticsMs: () => firstDiagnosticsMs, activateMs, lastScan: () => lastScan, tree, posture };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
