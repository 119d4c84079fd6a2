// Entry point of the editor test suite inside a real VS Code extension host. VS Code calls run() when it is
// given as extensionTestsPath (code-server "payload mode" in scripts/e2e.sh, or @vscode/test-electron in
// scripts/test-electron.mjs). A JSON summary goes to E2E_RESULT_FILE when that is set.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { KubehexApi } from '../../client/extension';

interface Summary {
  startedAt: string;
  finishedAt?: string;
  vscodeVersion: string;
  passed: string[];
  failed: { title: string; error: string }[];
  failures?: number;
  activationToFirstDiagnosticsMs?: number;
  activateMs?: number;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  const summary: Summary = { startedAt: new Date().toISOString(), vscodeVersion: vscode.version, passed: [], failed: [] };
  const resultFile = process.env.E2E_RESULT_FILE;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      summary.finishedAt = new Date().toISOString();
      summary.failures = failures;
      const api = vscode.extensions.getExtension<KubehexApi>('kubehex.kubehex')?.exports;
      summary.activationToFirstDiagnosticsMs = api?.firstDiagnosticsMs();
      summary.activateMs = api?.activateMs;
      if (resultFile) writeFileSync(resultFile, JSON.stringify(summary, null, 2));
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => summary.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) => summary.failed.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) }));
  });
}
