import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../cli/scan';
import { addPolicyFindings, findPolicies } from '../../cli/policies';
import { collectFiles } from '../../cli/files';
import { BIN, ROOT, tempDir } from './helpers';
import { widgetCrd } from '../crd-fixture';

const WORKER = join(ROOT, 'dist', 'cli.js');

/** The policies fixture, plus a CRD and its custom resource (a kind the built-in rules only look up) and a
 * file whose second document is broken YAML that no built-in rule reads (a parse for the policies composes it). */
function fixture(): string[] {
  const dir = tempDir();
  cpSync(join(ROOT, 'test', 'fixtures', 'policies', 'basic'), dir, { recursive: true });
  writeFileSync(join(dir, 'crd.yaml'), widgetCrd(['size: {type: integer}']));
  writeFileSync(join(dir, 'widget.yaml'), `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: shop
spec:
  size: "big"
`);
  writeFileSync(join(dir, 'mixed.yaml'), `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
---
notes: [1, 2
`);
  return collectFiles([dir]).files;
}

const plain = (r: ScanResult) => JSON.parse(JSON.stringify(r)) as ScanResult;
const lines = (r: ScanResult) => r.results.flatMap((f) => f.findings.map((x) => `${f.file.split('/').pop()}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.ruleId}`));

describe('cli: one parse for built-in rules and admission policies', () => {
  it('finds exactly what the built-in scan followed by a separate policy pass found', async function () {
    this.timeout(120000);
    const files = fixture();
    const twoPass = await scan({ files, workers: 1 });
    addPolicyFindings(twoPass, { files }, () => undefined);
    const one = await scan({ files, workers: 1, policies: findPolicies({ files }) });
    assert.deepEqual(plain(one), plain(twoPass));
    const got = lines(one);
    // a policy finding, a built-in one on the same object, and a custom resource judged against a CRD in another file
    assert.ok(got.includes('workloads.yaml:24:12-24:28 kyverno:disallow-privileged/privileged-containers'), got.join('\n'));
    assert.ok(got.includes('workloads.yaml:13:2-13:14 vap:max-replicas'), got.join('\n'));
    assert.ok(got.some((l) => /^workloads\.yaml:\d+:\d+-\d+:\d+ privileged-container$/.test(l)), got.join('\n'));
    assert.ok(got.includes('widget.yaml:6:8-6:13 invalid-field-type'), got.join('\n'));
    // the broken document no built-in rule reads is still not reported (as before), the ConfigMap is linted
    const mixed = one.results.find((r) => r.file.endsWith('mixed.yaml'))!;
    assert.deepEqual(mixed.errors, []);
    assert.deepEqual(mixed.objects, [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'settings' }]);
  });

  it('gives the same result, in the same order, in two worker threads, every time', async function () {
    this.timeout(120000);
    const files = fixture();
    const policies = findPolicies({ files });
    const one = plain(await scan({ files, workers: 1, policies }));
    const two = plain(await scan({ files, workers: 2, workerScript: WORKER, policies }));
    const again = plain(await scan({ files, workers: 2, workerScript: WORKER, policies }));
    assert.deepEqual(two, one);
    assert.deepEqual(again, two);
    assert.deepEqual(two.results.map((r) => r.file), files.filter((f) => two.results.some((r) => r.file === f)));
    assert.ok(lines(two).includes('workloads.yaml:24:12-24:28 kyverno:disallow-privileged/privileged-containers'));
  });
});

describe('cli: cancelling a scan', () => {
  for (const workers of [1, 2]) {
    it(`stops between files and rejects with the abort reason (${workers === 1 ? 'one thread' : 'two workers'})`, async function () {
      this.timeout(120000);
      const files = fixture();
      const ac = new AbortController();
      const progress: number[] = [];
      await assert.rejects(
        scan({ files, workers, workerScript: WORKER, signal: ac.signal, onProgress: (done) => { progress.push(done); ac.abort(); } }),
        (e: Error) => e.name === 'AbortError',
      );
      assert.ok(progress.length >= 1 && progress.length < files.length, `progress ${progress.join(',')} of ${files.length}`);
    });
  }

  it('does not start when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    let progressed = false;
    await assert.rejects(scan({ files: fixture(), workers: 1, signal: ac.signal, onProgress: () => { progressed = true; } }), (e: Error) => e.name === 'AbortError');
    assert.equal(progressed, false);
  });
});

describe('cli: Ctrl-C during kubehex scan', () => {
  it('stops the scan, says so and exits 130 without printing findings', async function () {
    this.timeout(120000);
    const dir = tempDir();
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, 'many', `p${i}.yaml`), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`);
    const child = spawn(process.execPath, [BIN, 'scan', dir, '--format', 'json'], { cwd: ROOT, env: { ...process.env, KUBEHEX_WORKERS: '1', KUBEHEX_SCAN_TRACE: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      // the first file is read: the scan's interrupt handler is in place, 2,999 files are still to come
      if (!sent && /read 1\/3000/.test(stderr)) { sent = true; child.kill('SIGINT'); }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.ok(sent, stderr.slice(-500));
    assert.equal(code, 130, stderr.slice(-500));
    assert.match(stderr, /kubehex: scan cancelled\n$/);
    assert.doesNotMatch(stderr, /read 3000\/3000/);
    assert.equal(stdout, '');
  });
});
