import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
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

  it('code lenses on a policy: what it and each validation rejects in the workspace, with the objects to list', async () => {
    c = await startClient({ root: dir });
    const deploys = uriOf(join(dir, 'deploys.yaml'));
    const policy = uriOf(join(dir, 'policy.yaml'));
    const api = DEPLOY.replace('name: web', 'name: api').replace('replicas: 4', 'replicas: 2').replace('app: web', 'app: api').replace('app: web', 'app: api');
    c.open(deploys, `${DEPLOY}---\n${api}`);
    await c.diagnostics(deploys, 1);
    const text = POLICY(3).replace(`      message: "at most 3 replicas"\n`, `      message: "at most 3 replicas"\n    - expression: "has(object.metadata.labels)"\n      message: "labels required"\n`);
    c.open(policy, text);
    await c.diagnostics(policy, 1);
    const lenses = (await c.request('textDocument/codeLens', { textDocument: { uri: policy } })) as any[];
    const shown = lenses.map((l) => [rangeTuple(l.range), l.command.title, l.command.command, (l.command.arguments?.[2] ?? []).map((x: any) => [x.uri, rangeTuple(x.range)])]);
    assert.deepEqual(shown, [
      [[3, 2, 3, 2], 'vap:max-replicas: rejects 2 of 2 objects', 'kubehex.showPolicyObjects', [[deploys, [1, 0, 1, 16]], [deploys, [17, 0, 17, 16]]]],
      [[12, 6, 12, 6], 'validation-1: rejects 1 of 2 objects', 'kubehex.showPolicyObjects', [[deploys, [1, 0, 1, 16]]]],
      [[14, 6, 14, 6], 'validation-2: rejects 2 of 2 objects', 'kubehex.showPolicyObjects', [[deploys, [1, 0, 1, 16]], [deploys, [17, 0, 17, 16]]]],
    ]);
    assert.deepEqual(lenses[0].command.arguments.slice(0, 2), [policy, { line: 3, character: 2 }]);
    // a file without policies has none
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri: deploys } }), []);
  });

  it('code lenses read the verdicts the diagnostics computed: each policy is evaluated once per object', async () => {
    c = await startClient({ root: dir });
    const deploys = uriOf(join(dir, 'deploys.yaml'));
    const policy = uriOf(join(dir, 'policy.yaml'));
    const api = DEPLOY.replace('name: web', 'name: api').replace('replicas: 4', 'replicas: 2');
    c.open(deploys, `${DEPLOY}---\n${api}`);
    await c.diagnostics(deploys, 1);
    const since = c.mark();
    c.open(policy, POLICY(3));
    await c.diagnostics(policy, 1);
    // the policy re-lints the open manifest
    assert.deepEqual(policyDiags(await c.diagnostics(deploys, 1, since)), [['vap:max-replicas', 2, 'at most 3 replicas', [5, 2, 5, 13]]]);
    // one unit, two Deployments: two evaluations, which the lens reads instead of evaluating again
    assert.deepEqual(await c.request('kubehex/policyStats', {}), { evaluated: 2 });
    const lenses = async () => ((await c!.request('textDocument/codeLens', { textDocument: { uri: policy } })) as any[]).map((l) => [rangeTuple(l.range), l.command.title]);
    assert.deepEqual(await lenses(), [[[3, 2, 3, 2], 'vap:max-replicas: rejects 1 of 2 objects']]);
    assert.deepEqual(await c.request('kubehex/policyStats', {}), { evaluated: 2 });
    assert.deepEqual(await lenses(), [[[3, 2, 3, 2], 'vap:max-replicas: rejects 1 of 2 objects']]);
    assert.deepEqual(await c.request('kubehex/policyStats', {}), { evaluated: 2 });
  });
});

describe('server: editing a policy costs only the cross-object pass', function () {
  this.timeout(20000);
  let dir: string;
  let c: LspClient | undefined;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { c?.kill(); c = undefined; removeDir(dir); });

  it('the first diagnostics of a policy version come from that version, and the manifests are not parsed again', async () => {
    c = await startClient({ root: dir });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    const policy = uriOf(join(dir, 'policy.yaml'));
    c.open(deploy, DEPLOY);
    await c.diagnostics(deploy, 1);
    let since = c.mark();
    c.open(policy, POLICY(3));
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1, since)), [['vap:max-replicas', 2, 'at most 3 replicas', [5, 2, 5, 13]]]);
    assert.equal((await c.request('kubehex/documentStats', { uri: deploy }) as any).linted, 1);
    since = c.mark();
    const at = POLICY(3).split('\n')[12].indexOf('<= 3');
    // `object.spec.replicas <=` : the version's own compile error, in its first publish
    c.change(policy, 2, [{ range: { start: { line: 12, character: at + 2 }, end: { line: 12, character: at + 4 } }, text: '' }]);
    const mine = (await c.diagnostics(policy, 2, since)).map((d: any) => [d.code, d.message, rangeTuple(d.range)]);
    assert.deepEqual(mine, [['policy-not-evaluated', 'vap:max-replicas: CEL syntax error: unexpected end of expression', [12, 43, 12, 43]]]);
    assert.deepEqual(policyDiags(await c.diagnostics(deploy, 1, since)), [
      ['vap:max-replicas', 2, "expression 'object.spec.replicas <=' resulted in error: compilation failed: unexpected end of expression", [1, 0, 1, 16]],
    ]);
    // the manifest was judged again from its cached chunk: nothing parsed or linted anew
    assert.equal((await c.request('kubehex/documentStats', { uri: deploy }) as any).linted, 0);
  });

  it('a pattern syntax error typed into a Kyverno policy is shown on its characters at once', async () => {
    c = await startClient({ root: dir });
    const policy = uriOf(join(dir, 'kyverno.yaml'));
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "no"
        pattern:
          spec:
            containers:
              - image: "nginx*"
`;
    c.open(policy, text);
    assert.deepEqual((await c.diagnostics(policy, 1)).filter((d: any) => d.code === 'policy-not-evaluated'), []);
    const since = c.mark();
    // `- image:` becomes `- ?(image):`, then `- ?(image:` (the version's own errors, each in its first publish)
    c.change(policy, 2, [{ range: { start: { line: 13, character: 16 }, end: { line: 13, character: 16 } }, text: '?(' }, { range: { start: { line: 13, character: 23 }, end: { line: 13, character: 23 } }, text: ')' }]);
    const shown = (ds: any[]) => ds.filter((d) => d.code === 'policy-not-evaluated').map((d) => [d.severity, d.message, rangeTuple(d.range)]);
    assert.deepEqual(shown(await c.diagnostics(policy, 2, since)), [
      [2, 'kyverno:k/r: pattern syntax error: unknown anchor "?(": anchors are (…), <(…), =(…), ^(…), X(…) and +(…)', [13, 16, 13, 18]],
    ]);
    c.change(policy, 3, [{ range: { start: { line: 13, character: 16 }, end: { line: 13, character: 17 } }, text: '' }]);
    assert.deepEqual(shown(await c.diagnostics(policy, 3, since)), []);
    c.change(policy, 4, [{ range: { start: { line: 13, character: 22 }, end: { line: 13, character: 23 } }, text: '' }]);
    assert.deepEqual(shown(await c.diagnostics(policy, 4, since)), [
      [2, 'kyverno:k/r: pattern syntax error: "(" is not closed in key "(image"', [13, 16, 13, 17]],
    ]);
  });

  it('stand-ins named in .kubehex.yaml feed the policies; a missing one is a warning on the config line naming it', async () => {
    writeFileSync(join(dir, 'values.yaml'), 'apiVersion: cli.kyverno.io/v1alpha1\nkind: Values\nglobalValues: {team: red}\n');
    writeFileSync(join(dir, '.kubehex.yaml'), 'policies:\n  values:\n    - values.yaml\n    - gone.yaml\n');
    c = await startClient({ root: dir });
    const policy = uriOf(join(dir, 'kyverno.yaml'));
    const cm = uriOf(join(dir, 'cm.yaml'));
    c.open(cm, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {team: blue}\n');
    await c.diagnostics(cm, 1);
    const since = c.mark();
    c.open(policy, `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: team-label
spec:
  validationFailureAction: Enforce
  rules:
    - name: check-team
      match: {any: [{resources: {kinds: [ConfigMap]}}]}
      validate:
        message: "team must be {{ team }}"
        deny:
          conditions:
            any:
              - {key: "{{ request.object.metadata.labels.team || '' }}", operator: NotEquals, value: "{{ team }}"}
`);
    const shown = (await c.diagnostics(cm, 1, since)).filter((d: any) => String(d.code).startsWith('kyverno:')).map((d: any) => [d.code, d.severity, d.message]);
    assert.deepEqual(shown, [['kyverno:team-label/check-team', 1, 'team must be red']]);
    const config = uriOf(join(dir, '.kubehex.yaml'));
    c.open(config, 'policies:\n  values:\n    - values.yaml\n    - gone.yaml\n');
    assert.deepEqual((await c.diagnostics(config, 1)).map((d: any) => [d.severity, d.message, rangeTuple(d.range)]), [[2, 'policies.values: gone.yaml: no such file', [3, 0, 3, 0]]]);
  });

  it('policies.paths: a broken policy file and a missing path are warnings on the config lines naming them', async () => {
    mkdirSync(join(dir, 'platform'));
    writeFileSync(join(dir, 'platform', 'broken.yaml'), 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: broken\nspec:\n  rules: [\n');
    const text = 'policies:\n  paths:\n    - platform\n    - nowhere\n';
    writeFileSync(join(dir, '.kubehex.yaml'), text);
    c = await startClient({ root: dir });
    const config = uriOf(join(dir, '.kubehex.yaml'));
    c.open(config, text);
    assert.deepEqual((await c.diagnostics(config, 1)).map((d: any) => [d.severity, d.message, rangeTuple(d.range)]), [
      [2, 'platform/broken.yaml:7: policies.paths: Flow sequence in block collection must be sufficiently indented and end with a ]', [2, 0, 2, 0]],
      [2, 'policies.paths: nowhere: no such file or directory', [3, 0, 3, 0]],
    ]);
  });
});
