import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { othersBusy, workersForIdleCores } from '../../cli/scan';
import { BIN, ROOT, tempDir } from './helpers';
import { widgetCrd } from '../crd-fixture';

interface Out { files: number; findings: Array<{ ruleId: string; file: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>; errors: unknown[] }

function scanJson(dir: string, workers: number, deal = false) {
  const r = spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KUBEHEX_WORKERS: String(workers), KUBEHEX_SCAN_TRACE: '1', KUBEHEX_SCAN_DEAL: deal ? '1' : '' },
  });
  return { code: r.status, out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
}

const pad = (n: number) => `# ${'padding '.repeat(Math.ceil(n / 8))}\n`;

// Files are handed out largest first; dealt out in turn (KUBEHEX_SCAN_DEAL), the sizes put crd.yaml, deploy.yaml
// and svc.yaml on the main thread, widget.yaml, sa.yaml and pdb.yaml on the worker (asserted from the trace), so
// the cross-file pairs CRD -> Widget, ServiceAccount -> Deployment and PDB -> Deployment each span two threads.
const FILES: Record<string, string> = {
  'crd.yaml': pad(9000) + widgetCrd(['size: {type: integer}']),
  'deploy.yaml': pad(3000) + `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: builder
      containers:
        - name: web
          image: nginx:1.27
`,
  'widget.yaml': pad(6000) + `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: shop
spec:
  size: "big"
  colour: red
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: nothing
  namespace: shop
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
`,
  'sa.yaml': pad(1000) + `apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: shop
automountServiceAccountToken: true
`,
  'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 0
  selector:
    matchLabels: {app: web}
`,
};

describe('cli: scan in worker threads', () => {
  it('reports exactly what the one-thread scan reports, cross-file findings included', function () {
    this.timeout(120000);
    const dir = tempDir();
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    const one = scanJson(dir, 1);
    const two = scanJson(dir, 2, true);
    assert.doesNotMatch(one.stderr, /\d+ threads/);
    assert.match(two.stderr, /2 threads \(1 workers and this one\)/, 'the scan did run in two threads');
    assert.match(two.stderr, /\[scan [^\]]*\] judged 3 files: crd\.yaml,deploy\.yaml,svc\.yaml/);
    assert.match(two.stderr, /\[worker 1 [^\]]*\] judged 3 files: pdb\.yaml,sa\.yaml,widget\.yaml/);
    // the CRD, only looked up, is sent to the worker as its place in crd.yaml and composed there
    assert.match(two.stderr, /\[scan [^\]]*\] packed [\d.]+ MB, 1 documents sent uncomposed/);
    assert.equal(two.code, one.code);
    assert.deepEqual(two.out, one.out);
    assert.equal(one.out.files, 6);
    const at = (ruleId: string, file: string) => one.out.findings.filter((f) => f.ruleId === ruleId && f.file.endsWith(file)).map((f) => f.range);
    // the Widget is checked against the CRD in another file
    const widget = FILES['widget.yaml'].split('\n');
    const sizeLine = widget.findIndex((l) => l.startsWith('  size:'));
    assert.deepEqual(at('invalid-field-type', 'widget.yaml'), [{ start: { line: sizeLine, character: 8 }, end: { line: sizeLine, character: 13 } }]);
    assert.deepEqual(at('unknown-field', 'widget.yaml'), [{ start: { line: sizeLine + 1, character: 2 }, end: { line: sizeLine + 1, character: 8 } }]);
    // the Deployment's ServiceAccount, in another file, is seen
    const sa = one.out.findings.filter((f) => f.ruleId === 'service-account-token-automount' && f.file.endsWith('deploy.yaml'));
    assert.equal(sa.length, 1);
    assert.match(sa[0].message, /its ServiceAccount "builder" does not either/);
  });

  it('hands files out from one queue (work stealing) with the same findings as one thread', function () {
    this.timeout(120000);
    const dir = tempDir();
    // more files than threads, of mixed sizes, with cross-file pairs among them
    for (const [name, text] of Object.entries(FILES)) {
      for (let k = 0; k < 4; k++) writeFileSync(join(dir, `${k}-${name}`), k % 2 ? text : pad(500 * k) + text.replace(/^#.*\n/, ''));
    }
    const one = scanJson(dir, 1);
    for (const threads of [2, 3]) {
      const many = scanJson(dir, threads);
      assert.match(many.stderr, new RegExp(`${threads} threads`));
      const judged = [...many.stderr.matchAll(/judged (\d+) files/g)].map((m) => Number(m[1]));
      assert.equal(judged.length, threads);
      assert.equal(judged.reduce((a, b) => a + b, 0), 24, 'every file judged once');
      assert.equal(many.code, one.code);
      assert.deepEqual(many.out, one.out);
    }
    assert.ok(one.out.findings.filter((f) => f.ruleId === 'unknown-field').length >= 4);
  });
});

describe('cli: how many worker threads', () => {
  it('uses the idle cores only, one thread when the machine is busy', () => {
    assert.equal(workersForIdleCores(2, 0), 2);
    assert.equal(workersForIdleCores(2, 0.9), 2);
    assert.equal(workersForIdleCores(2, 1.2), 1);
    assert.equal(workersForIdleCores(2, 5.7), 1);
    assert.equal(workersForIdleCores(8, 0), 4);
    assert.equal(workersForIdleCores(8, 5.5), 3);
    assert.equal(workersForIdleCores(1, 0), 1);
  });

  it('counts the cores other processes keep busy now, this process taken off', () => {
    // 2 cores for 1 s (200 ticks): 150 busy ticks while this process used 1 core is half a core of others
    assert.equal(othersBusy({ busy: 1000, total: 5000 }, { busy: 1150, total: 5200 }, 2, 1000, 1000), 0.5);
    // only this process busy: nobody else (the load average would still count a scan that just ended)
    assert.equal(othersBusy({ busy: 0, total: 0 }, { busy: 100, total: 200 }, 2, 1000, 1000), 0);
    // every core busy with others as well
    assert.equal(othersBusy({ busy: 0, total: 0 }, { busy: 400, total: 400 }, 4, 500, 1000), 3.5);
    // a saturated machine, where this process got a third of a core: one thread
    assert.equal(workersForIdleCores(2, othersBusy({ busy: 0, total: 0 }, { busy: 200, total: 200 }, 2, 300, 1000)!), 1);
    // one other busy process besides this one on 2 cores: two threads (as with a load average of 1)
    assert.equal(workersForIdleCores(2, othersBusy({ busy: 0, total: 0 }, { busy: 200, total: 200 }, 2, 1000, 1000)!), 2);
    // too short a window to tell: the caller falls back to the load average
    assert.equal(othersBusy({ busy: 0, total: 0 }, { busy: 10, total: 30 }, 2, 100, 150), undefined);
  });
});
