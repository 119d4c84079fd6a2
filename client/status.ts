// Status-bar item with the live totals of kubehex diagnostics (open files plus what the last scan
// published); clicking it opens the security posture (which scans the workspace).
import * as vscode from 'vscode';

export function countKubehexDiagnostics(): { errors: number; warnings: number; infos: number } {
  let errors = 0, warnings = 0, infos = 0;
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    for (const d of diags) {
      if (d.source !== 'kubehex') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

export class KubehexStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kubehex.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scanning = false;

  constructor() {
    this.item.name = 'kubehex';
    this.item.command = 'kubehex.showPosture';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.schedule());
    this.render();
    this.item.show();
  }

  setScanning(on: boolean): void {
    this.scanning = on;
    this.render();
  }

  /** Diagnostics change in bursts during a scan; recount at most every 200 ms. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.render(); }, 200);
  }

  private render(): void {
    const { errors, warnings, infos } = countKubehexDiagnostics();
    const icon = this.scanning ? '$(sync~spin)' : '$(shield)';
    this.item.text = `${icon} kubehex $(error) ${errors} $(warning) ${warnings}`;
    this.item.tooltip = `kubehex: ${errors} error(s), ${warnings} warning(s), ${infos} info — click to show the security posture`;
    this.item.accessibilityInformation = { label: `kubehex: ${errors} errors, ${warnings} warnings. Click to show the security posture.` };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
