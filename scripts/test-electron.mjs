// Runs the editor suite of test/e2e in a desktop VS Code downloaded by @vscode/test-electron, for machines
// with network access (this one has none: use scripts/e2e.sh, which runs the same suite in code-server).
//   npm run build && node scripts/test-electron.mjs [--version 1.100.3]
// The workspace is a fresh copy of test/e2e/fixtures/ws; the result JSON goes to out/e2e/electron-tests.json.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--version');
const version = i >= 0 ? process.argv[i + 1] : '1.100.3';
const scratch = mkdtempSync(join(tmpdir(), 'kubehex-electron-'));
const workspace = join(scratch, 'ws');
cpSync(join(root, 'test/e2e/fixtures/ws'), workspace, { recursive: true });
mkdirSync(join(root, 'out/e2e'), { recursive: true });

let code = 0;
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/e2e/index.js'),
    extensionTestsEnv: { E2E_RESULT_FILE: join(root, 'out/e2e/electron-tests.json') },
    // a private profile, and no other extensions (a YAML extension would add its own diagnostics)
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(scratch, 'user-data')}`],
  });
} catch (e) {
  console.error('editor tests failed:', e instanceof Error ? e.message : e);
  code = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
