// "kubehex: Scan Workspace": one kubehex/scanWorkspace request, with the server's work-done progress shown
// as a cancellable notification. Cancelling sends LSP $/cancelRequest through the request's token.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, WorkDoneProgress } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest, type ScanWorkspaceResult } from './protocol';

/** Globs switched on in `files.exclude` (entries with a `when` clause are sibling-dependent: skipped). */
export function excludedGlobs(folder?: vscode.WorkspaceFolder): string[] {
  const map = vscode.workspace.getConfiguration('files', folder).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(map).filter(([, on]) => on === true).map(([glob]) => glob);
}

export async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  const wsFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!wsFolders.length) {
    void vscode.window.showInformationMessage('kubehex: open a folder to scan its Kubernetes manifests.');
    return undefined;
  }
  const folders = wsFolders.map((f) => f.uri.fsPath);
  const exclude = [...new Set(wsFolders.flatMap((f) => excludedGlobs(f)))];
  const workDoneToken = `kubehex-scan-${randomUUID()}`;

  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'kubehex: scanning workspace', cancellable: true },
    async (progress, cancellation) => {
      let reported = 0;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
        if (p.kind === 'end') return;
        const increment = p.percentage === undefined ? undefined : Math.max(0, p.percentage - reported);
        if (p.percentage !== undefined) reported = p.percentage;
        progress.report({ message: p.message, increment });
      });
      try {
        return await client.sendRequest(ScanWorkspaceRequest, { folders, exclude, workDoneToken }, cancellation);
      } catch (e) {
        if (cancellation.isCancellationRequested || (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled)) {
          void vscode.window.showInformationMessage('kubehex: workspace scan cancelled.');
          return undefined;
        }
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

export function summarize(r: ScanWorkspaceResult): string {
  const s = r.bySeverity;
  return `kubehex: ${r.files} file(s) scanned, ${r.findings} finding(s) — ${s.error ?? 0} error(s), ${s.warning ?? 0} warning(s), ${s.info ?? 0} info.`;
}
