// Event-driven waits for the editor tests: each resolves on the vscode event that signals the state, and the
// deadline only turns a hang into a failure with a useful message. No fixed sleeps.
import * as vscode from 'vscode';

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diags.map((d) => ({
    code: typeof d.code === 'object' ? d.code.value : d.code,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    source: d.source,
  })));
}

/** Resolves with the diagnostics of `uri` as soon as `accept` holds for them (checked now and on every change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${key} has ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    const check = (): boolean => {
      const diags = vscode.languages.getDiagnostics(uri);
      if (!accept(diags)) return false;
      clearTimeout(timer);
      sub?.dispose();
      resolve(diags);
      return true;
    };
    if (check()) return;
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
  });
}

/** Resolves when the active editor shows `uri` (now or on the next change). */
export function waitForActiveEditor(uri: vscode.Uri, timeoutMs = 15000): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const active = vscode.window.activeTextEditor;
    if (active?.document.uri.toString() === key) return resolve(active);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for an editor on ${key}`)); }, timeoutMs);
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e?.document.uri.toString() !== key) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}
