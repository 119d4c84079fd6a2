import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, uriOf } from './lsp-client';
import { rangeTuple, removeDir, startClient, tempDir } from './helpers';

const POLICY = (max: number) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["apps"]
        apiVersions: ["v1"]
        operations: ["CREATE"]
        resources: ["deployments"]
  validations:
    - expression: "object.spec.replicas <= ${max}"
      message: "at most ${max} replicas"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas
spec:
  policyName: max-replicas
  validationActions: [Warn]
`;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

function policyDiags(diags: any[]): Array<[string, number, string, [number, number, number, number]]> {
  return diags.filter((d) => String(d.code).startsWith('vap:')).map((d) => [d.code, d.severity, d.message, rangeTuple(d.range)]);
}

describe('server: admission policies live in the editor', function () {
  this.timeout(20000);
  let dir: string;
  let c: LspClient | undefined;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { c?.kill(); c = undefined; removeDir(dir); });

  it('an open policy judges an open manifest, and editing the policy re-evaluates it', async () => {
    c = await startClient({ root: dir });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    const policy = uriOf(join(dir, 'policy.yaml'));
    c.open(deploy, DEPLOY);
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1)), []);
    let since = c.mark();
    c.open(policy, POLICY(3));
    // Warn -> warning (LSP severity 2), on `replicas: 4`
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1, since)), [['vap:max-replicas', 2, 'at most 3 replicas', [5, 2, 5, 13]]]);
    since = c.mark();
    const line = POLICY(3).split('\n')[12];
    const at = line.indexOf('3');
    assert.equal(line.slice(at - 3, at + 1), '<= 3');
    c.change(policy, 2, [{ range: { start: { line: 12, character: at }, end: { line: 12, character: at + 1 } }, text: '9' }]);
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1, since)), []);
    since = c.mark();
    c.change(policy, 3, [{ range: { start: { line: 12, character: at }, end: { line: 12, character: at + 1 } }, text: '1' }]);
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1, since)), [['vap:max-replicas', 2, 'at most 3 replicas', [5, 2, 5, 13]]]);
  });
});
