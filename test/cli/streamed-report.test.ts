import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type FileResult } from '../../cli/scan';
import { BIN, ROOT, tempDir } from './helpers';

// The JSON and stylish reports are written file by file while the scan goes on (ScanOptions.onResult); SARIF
// and --baseline still take the whole result first. An empty baseline drops nothing, so `--baseline` gives
// the collected report to compare with.

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n${extra}`;
const PRIVILEGED = '      securityContext:\n        privileged: true\n';

function run(dir: string, args: string[], workers: number) {
  const r = spawnSync(process.execPath, [BIN, 'scan', dir, ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KUBEHEX_WORKERS: String(workers), KUBEHEX_SCAN_DEAL: '1', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function corpus(): { dir: string; baseline: string } {
  const dir = tempDir();
  const files = join(dir, 'files');
  mkdirSync(files);
  for (let i = 0; i < 12; i++) writeFileSync(join(files, `p${String(i).padStart(2, '0')}.yaml`), pod(`p${i}`, i % 3 === 0 ? PRIVILEGED : ''));
  // a file that cannot be read as text, in the middle of the scan, and one that is skipped
  writeFileSync(join(files, 'p05-bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
  writeFileSync(join(files, 'p07-notes.yaml'), 'just: some\nother: yaml\n');
  // a cross-file pair: the Deployment's ServiceAccount is in another file
  writeFileSync(join(files, 'p08-sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: shop\nautomountServiceAccountToken: true\n');
  writeFileSync(join(files, 'p09-deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: builder\n      containers:\n        - name: web\n          image: nginx:1.27\n');
  const baseline = join(dir, 'empty-baseline.json');
  writeFileSync(baseline, '{\n  "version": 1,\n  "files": 0,\n  "findings": [],\n  "errors": [],\n  "skipped": []\n}\n');
  return { dir: files, baseline };
}

describe('cli: reports written while the scan goes on', function () {
  this.timeout(120000);

  it('JSON and stylish: the same bytes and exit code as the report of the whole result, in 1 and 2 threads', () => {
    const { dir, baseline } = corpus();
    for (const format of ['json', 'stylish']) {
      const collected = run(dir, ['--format', format, '--baseline', baseline], 1);
      for (const workers of [1, 2]) {
        const streamed = run(dir, ['--format', format], workers);
        assert.equal(streamed.stdout, collected.stdout, `${format}, ${workers} threads`);
        assert.equal(streamed.code, collected.code);
      }
    }
    const report = JSON.parse(run(dir, ['--format', 'json'], 2).stdout) as { files: number; findings: Array<{ ruleId: string; file: string }>; errors: Array<{ file: string; message: string }>; skipped: Array<{ file: string }> };
    assert.equal(report.files, 16);
    // the files' findings in file order, across both threads' shares
    const order = report.findings.map((f) => f.file);
    assert.deepEqual(order, [...order].sort());
    assert.ok(report.findings.some((f) => f.ruleId === 'privileged-container' && f.file.endsWith('p09.yaml')));
    assert.ok(report.findings.some((f) => f.ruleId === 'service-account-token-automount' && f.file.endsWith('p09-deploy.yaml')));
    assert.deepEqual(report.errors.map((e) => [e.file.replace(/^.*\//, ''), e.message]), [['p05-bad.yaml', 'not a UTF-8 text file: invalid byte 0xc3 at line 1']]);
    assert.deepEqual(report.skipped.map((s) => s.file.replace(/^.*\//, '')), ['p07-notes.yaml']);
  });

  it('a file that cannot be read in the middle of the scan still fails it, whatever the findings around it', () => {
    const { dir } = corpus();
    for (const workers of [1, 2]) {
      // privileged containers (errors) are taken out of the count by --fail-on none, not the unreadable file
      assert.equal(run(dir, ['--format', 'json', '--fail-on', 'none'], workers).code, 0);
      const r = run(dir, ['--format', 'stylish', '--fail-on', 'error'], workers);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /p05-bad\.yaml\n {2}1:1 {2}fatal {2}not a UTF-8 text file: invalid byte 0xc3 at line 1/);
      assert.match(r.stdout, /; 1 file error \(not linted\)\n/);
    }
    // without the unreadable file, only warnings and below: exit 0 with --fail-on error; with it, 1
    const quiet = tempDir();
    writeFileSync(join(quiet, 'a.yaml'), pod('a'));
    writeFileSync(join(quiet, 'b.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    writeFileSync(join(quiet, 'c.yaml'), pod('c'));
    const withBad = run(quiet, ['--format', 'json'], 1);
    assert.equal(withBad.code, 1);
    const json = JSON.parse(withBad.stdout) as { findings: Array<{ severity: string }> };
    assert.ok(json.findings.length > 0 && json.findings.every((f) => f.severity !== 'error'), 'no error finding: the exit code comes from the file error');
    writeFileSync(join(quiet, 'b.yaml'), pod('b'));
    assert.equal(run(quiet, ['--format', 'json'], 1).code, 0);
  });

  it('scan(): onResult gets every result in the order of the collected results, which are then not kept', async () => {
    const { dir } = corpus();
    const files = readdirSync(dir).sort().map((f) => join(dir, f));
    const collected = await scan({ files, workers: 1 });
    const got: FileResult[] = [];
    const streamed = await scan({ files, workers: 1, onResult: (r) => got.push(r) });
    assert.equal(streamed.results.length, 0);
    assert.equal(streamed.files, collected.files);
    assert.deepEqual(got, collected.results);
    assert.deepEqual(got.map((r) => r.file), files);
  });

  it('scan(): a lean scan keeps of each fix its safety alone, and every finding as it is otherwise', async () => {
    const { dir } = corpus();
    const files = readdirSync(dir).sort().map((f) => join(dir, f));
    const full = await scan({ files, workers: 1 });
    const lean = await scan({ files, workers: 1, lean: true });
    const fixes = full.results.flatMap((r) => r.findings.filter((f) => f.fix));
    assert.ok(fixes.some((f) => f.fix!.safety === 'safe' && f.fix!.ops.length) && fixes.some((f) => f.fix!.safety === 'review'), 'the corpus has fixes of both kinds');
    const cut = (r: FileResult) => ({ ...r, findings: r.findings.map((f) => ({ ...f, fix: f.fix && { safety: f.fix.safety } })) });
    assert.deepEqual(lean.results.map(cut), full.results.map(cut));
    assert.ok(lean.results.every((r) => r.findings.every((f) => !f.fix || f.fix.ops.length === 0)));
  });
});
