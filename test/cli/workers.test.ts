import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workersForIdleCores } from '../../cli/scan';
import { BIN, ROOT, tempDir } from './helpers';

function scanJson(dir: string, workers: number) {
  const r = spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KUBEHEX_WORKERS: String(workers), KUBEHEX_SCAN_TRACE: '1' },
  });
  return { code: r.status, out: JSON.parse(r.stdout) as { files: number; findings: Array<{ ruleId: string; file: string; message: string }>; errors: unknown[] }, stderr: r.stderr };
}

const pad = (n: number) => `# ${'padding '.repeat(Math.ceil(n / 8))}\n`;

// Sizes steer the by-size sharding of two workers: crd.yaml, sa.yaml, pdb.yaml in one, deploy.yaml,
// widget.yaml, svc.yaml in the other (asserted from the trace), so the cross-file pairs CRD -> Widget,
// ServiceAccount -> Deployment and PDB -> Deployment each span two workers.
const FILES: Record<string, string> = {
  'crd.yaml': pad(9000) + `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`,
  'deploy.yaml': pad(6000) + `apiVersion: apps/v1
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
  'widget.yaml': pad(3000) + `apiVersion: example.com/v1
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
    const two = scanJson(dir, 2);
    assert.doesNotMatch(one.stderr, /\d+ workers/);
    assert.match(two.stderr, /2 workers/, 'the scan did run in two workers');
    assert.match(two.stderr, /shards (crd\.yaml,pdb\.yaml,sa\.yaml \| deploy\.yaml,svc\.yaml,widget\.yaml|deploy\.yaml,svc\.yaml,widget\.yaml \| crd\.yaml,pdb\.yaml,sa\.yaml)/);
    // the CRD, only looked up, is sent to the other worker as its place in crd.yaml and composed there
    assert.match(two.stderr, /packed [\d.]+ MB, 1 documents sent uncomposed/);
    assert.equal(two.code, one.code);
    assert.deepEqual(two.out, one.out);
    assert.equal(one.out.files, 6);
    const has = (ruleId: string, file: string) => one.out.findings.some((f) => f.ruleId === ruleId && f.file.endsWith(file));
    // the Widget is checked against the CRD in another file
    assert.ok(has('unknown-field', 'widget.yaml'), 'unknown field of the custom resource');
    assert.ok(has('invalid-field-type', 'widget.yaml'), 'wrong type in the custom resource');
    // the Deployment's ServiceAccount, in another file, is seen
    const sa = one.out.findings.filter((f) => f.ruleId === 'service-account-token-automount' && f.file.endsWith('deploy.yaml'));
    assert.equal(sa.length, 1);
    assert.match(sa[0].message, /its ServiceAccount "builder" does not either/);
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
});
