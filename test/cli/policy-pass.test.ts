import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../cli/scan';
import { findPolicies, mayHoldPolicy, policyChunks } from '../../cli/policies';
import { loadPolicies, policyRules } from '../../policies';
import { ROOT, tempDir } from './helpers';

const WORKER = join(ROOT, 'dist', 'cli.js');

const POLICIES = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: no-privileged
spec:
  validationFailureAction: Enforce
  rules:
    - name: privileged
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: "Privileged mode is disallowed."
        pattern:
          spec:
            containers:
              - =(securityContext):
                  =(privileged): "false"
---
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: deprecated
spec:
  validationFailureAction: Audit
  rules:
    - name: old-cronjob
      match:
        any:
          - resources:
              kinds: ["batch/*/CronJob"]
      validate:
        message: "{{ request.object.apiVersion }} CronJob {{ request.object.metadata.name }} is removed"
        deny:
          conditions:
            all:
              - key: "{{ request.object.apiVersion }}"
                operator: Equals
                value: batch/v1beta1
`;

/** A CRD (no policy matches it), a privileged Deployment and a deprecated CronJob. */
function fixture(): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'policies.yaml'), POLICIES);
  writeFileSync(join(dir, 'crd.yaml'), `apiVersion: apiextensions.k8s.io/v1
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
        openAPIV3Schema: {type: object}
`);
  writeFileSync(join(dir, 'apps.yaml'), `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
---
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
`);
  return ['policies.yaml', 'crd.yaml', 'apps.yaml'].map((f) => join(dir, f));
}

const plain = (r: ScanResult) => JSON.parse(JSON.stringify(r)) as ScanResult;
const policyLines = (r: ScanResult) => r.results.flatMap((f) => f.findings.filter((x) => x.ruleId.startsWith('kyverno:') || x.ruleId === 'policy-not-evaluated')
  .map((x) => `${f.file.split('/').pop()}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.ruleId} ${x.message}`));

describe('cli: the admission-policy pass of a scan', () => {
  it('finds policies by parsing only the documents that may hold one', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: p}\n...\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n--- # the last\napiVersion: v1\nkind: Service\nmetadata: {name: ClusterPolicy}\n`;
    assert.deepEqual(policyChunks(text), [
      '---\napiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: p}\n...\n',
      '--- # the last\napiVersion: v1\nkind: Service\nmetadata: {name: ClusterPolicy}\n',
    ]);
    assert.deepEqual(policyChunks('apiVersion: v1\nkind: ConfigMap\n'), []);
    // directives reach across a marker: such a file is parsed whole
    const directives = `%YAML 1.2\n---\napiVersion: kyverno.io/v1\nkind: ClusterPolicy\n`;
    assert.deepEqual(policyChunks(directives), [directives]);
  });

  it('reads a file for policies only when its bytes may hold one (never for imagePullPolicy or prose)', () => {
    const holds = (t: string) => mayHoldPolicy(Buffer.from(t, 'utf8'));
    const cases: Array<[string, boolean]> = [
      ['apiVersion: kyverno.io/v1\nkind: Policy\n', true],
      ['kind:\u00a0"ValidatingPolicy"\n', true],
      ['kind:NamespacedValidatingPolicy\n', true],
      ['{"kind": "Policy", "apiVersion": "kyverno.io/v1"}', true],
      ['{"kind":\t"ValidatingPolicy"}', true],
      ['rules:\n- resources: [validatingadmissionpolicies]\n  # ValidatingAdmissionPolicy\n', true],
      ['kind: ConstraintTemplate\n', true],
      ['apiVersion: constraints.gatekeeper.sh/v1beta1\n', true],
      ['metadata: {name: ClusterPolicy}\n', true],
      ['spec:\n  containers:\n  - imagePullPolicy: Always\n    restartPolicy: Never\n', false],
      ['kind: NetworkPolicy\n', false],
      ['description: The Policy to use, see PolicyMode.\n', false],
      ['kind: MutatingPolicy\n', false],
      ['kind: Policyx\n', true],
    ];
    for (const [text, want] of cases) {
      assert.equal(holds(text), want, text);
      // a necessary condition: whatever POLICY_TEXT finds, the bytes hold
      if (policyChunks(text).length) assert.ok(holds(text), text);
    }
    // no POLICY_TEXT match for a word after `Policy`: the byte test may say yes, the text test then says no
    assert.deepEqual(policyChunks('kind: Policyx\n'), []);
  });

  it('keeps out every policy of a file that holds a control character, wherever it is', () => {
    const dir = tempDir();
    const policy = `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec:\n  rules:\n  - name: r\n    match: {any: [{resources: {kinds: [Pod]}}]}\n    validate: {pattern: {spec: {hostNetwork: false}}}\n`;
    writeFileSync(join(dir, 'ok.yaml'), policy);
    writeFileSync(join(dir, 'bad.yaml'), `${policy.replace('name: p', 'name: q')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "x\u0001y"}\n`);
    const found = findPolicies({ files: [join(dir, 'ok.yaml'), join(dir, 'bad.yaml')] });
    assert.deepEqual(found.recipe.sources.map((o) => `${o.kind}/${o.name}`), ['ClusterPolicy/p']);
    assert.deepEqual(found.rules.map((r) => r.meta.id), ['kyverno:p/r', 'policy-not-evaluated']);
  });

  it('judges each object only with the policies that can match it, with the findings of every policy on every object', async function () {
    this.timeout(120000);
    const files = fixture();
    const found = findPolicies({ files });
    assert.deepEqual(found.recipe.sources.map((o) => `${o.kind}/${o.name}`), ['ClusterPolicy/no-privileged', 'ClusterPolicy/deprecated']);
    const narrow = plain(await scan({ files, workers: 1, policies: found }));
    // the same scan with rules that judge and read every kind (what the editor uses)
    const wide = plain(await scan({ files, workers: 1, policies: { ...found, rules: policyRules(loadPolicies(found.recipe.sources), {}) } }));
    assert.deepEqual(narrow, wide);
    assert.deepEqual(policyLines(narrow), [
      'apps.yaml:16:12-16:28 kyverno:no-privileged/privileged Privileged mode is disallowed.',
      'apps.yaml:19:0-19:13 kyverno:deprecated/old-cronjob batch/v1beta1 CronJob nightly is removed',
    ]);
    const two = plain(await scan({ files, workers: 2, workerScript: WORKER, policies: found }));
    assert.deepEqual(two, narrow);
  });
});
