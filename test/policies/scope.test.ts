import * as assert from 'node:assert/strict';
import { objectsOf, parseManifest, readsOthers, type K8sObject } from '../../engine';
import { evaluateUnit, loadPolicies, makeEnv, policyRules, NOT_EVALUATED, type PolicyUnit } from '../../policies';

function objects(text: string): K8sObject[] {
  const p = parseManifest(text, {});
  return p.docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
}

function unitOf(policy: string): PolicyUnit {
  const { units } = loadPolicies(objects(policy));
  assert.equal(units.length, 1);
  return units[0];
}

const id = (kind: string, apiVersion: string, name: string, namespace?: string) => ({ kind, apiVersion, name, ...(namespace ? { namespace } : {}) });

/** An object whose value may not be read: reading it throws. */
function untouchable(kind: string, apiVersion: string, name: string, namespace?: string): K8sObject {
  const o = { ...id(kind, apiVersion, name, namespace), path: [] } as unknown as K8sObject;
  Object.defineProperty(o, 'value', { get() { throw new Error(`value of ${kind} ${name} read`); } });
  Object.defineProperty(o, 'metadata', { get() { throw new Error(`metadata of ${kind} ${name} read`); } });
  return o;
}

const PODS_IN_PROD = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: no-latest
spec:
  validationFailureAction: Enforce
  rules:
    - name: tag
      match:
        any:
          - resources:
              kinds: [Pod]
              namespaces: [prod]
      validate:
        message: "no latest tag in {{request.object.metadata.name}}"
        pattern:
          spec:
            containers:
              - image: "!*:latest"
`;

const DEPRECATED = `apiVersion: kyverno.io/v1
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
              kinds: ["batch/*/CronJob", "Pod/exec"]
      validate:
        message: "batch/v1beta1 CronJob is removed"
        deny:
          conditions:
            all:
              - key: "{{ request.object.apiVersion }}"
                operator: Equals
                value: batch/v1beta1
`;

describe('policies: what a unit can match, decided before an object is composed', () => {
  it('Kyverno: kinds and namespaces of the match, and the controllers Kyverno autogenerates the rule for', () => {
    const u = unitOf(PODS_IN_PROD);
    assert.deepEqual(u.scope, {
      kinds: ['Pod', 'DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'],
      reads: ['Namespace'],
      namespaceSelector: false,
      local: true,
    });
    assert.equal(u.admits!(id('ConfigMap', 'v1', 'c', 'prod')), false);
    assert.equal(u.admits!(id('Pod', 'v1', 'p', 'dev')), false);
    assert.equal(u.admits!(id('Pod', 'v1', 'p')), false, 'a Pod without namespace lands in default');
    assert.equal(u.admits!(id('Pod', 'v1', 'p', 'prod')), true);
    assert.equal(u.admits!(id('Deployment', 'apps/v1', 'd', 'prod')), true, 'the Pod of its template matches');
    assert.equal(u.admits!(id('Deployment', 'apps/v1', 'd', 'dev')), false);
    assert.equal(u.admits!(id('Service', 'v1', 's', 'prod')), false);
  });

  it('Kyverno: group/version/Kind entries narrow to the kind, a subresource entry to nothing', () => {
    const u = unitOf(DEPRECATED);
    // the rule itself still runs on every kind (as before); its scope is what a scan composes for it
    assert.deepEqual(u.kinds, ['*']);
    assert.deepEqual(u.scope, { kinds: ['CronJob'], reads: ['Namespace'], namespaceSelector: false, local: true });
    assert.equal(u.admits!(id('CronJob', 'batch/v1beta1', 'c', 'ns')), true);
    assert.equal(u.admits!(id('CronJob', 'batch/v1', 'c', 'ns')), true);
    assert.equal(u.admits!(id('Deployment', 'apps/v1', 'd', 'ns')), false);
    assert.equal(u.admits!(id('Pod', 'v1', 'exec', 'ns')), false);
  });

  it('Kyverno: a filter without kinds, or a wildcard in a kind, can match any kind; a namespaceSelector is noted', () => {
    const byName = unitOf(PODS_IN_PROD.replace('kinds: [Pod]\n              namespaces: [prod]', 'names: ["web-*"]'));
    assert.equal(byName.scope!.kinds, '*');
    assert.equal(byName.admits!(id('Secret', 'v1', 'web-1', 'x')), true);
    assert.equal(byName.admits!(id('Secret', 'v1', 'db-1', 'x')), false);
    const wild = unitOf(PODS_IN_PROD.replace('kinds: [Pod]', 'kinds: ["Po*"]').replace('namespaces: [prod]', 'namespaceSelector: {matchLabels: {env: prod}}'));
    assert.equal(wild.scope!.kinds, '*');
    assert.equal(wild.scope!.namespaceSelector, true);
    assert.equal(wild.admits!(id('Pod', 'v1', 'p', 'any')), true);
    assert.equal(wild.admits!(id('Service', 'v1', 's', 'any')), false);
  });

  it('VAP: resource rules decide from kind, apiVersion and name; rules for DELETE only match no manifest', () => {
    const vap = (ops: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["apps"]
        apiVersions: ["v1"]
        operations: ${ops}
        resources: ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas
spec:
  policyName: replicas
  validationActions: [Deny]
`;
    const u = unitOf(vap('["CREATE", "UPDATE"]'));
    assert.deepEqual(u.scope, { kinds: '*', reads: ['Namespace'], namespaceSelector: false, local: false });
    assert.equal(u.admits!(id('Deployment', 'apps/v1', 'd', 'x')), true);
    assert.equal(u.admits!(id('StatefulSet', 'apps/v1', 's', 'x')), false);
    assert.equal(u.admits!(id('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'c')), false);
    const del = unitOf(vap('["DELETE"]'));
    assert.deepEqual(del.scope!.kinds, []);
    assert.equal(del.admits!(id('Deployment', 'apps/v1', 'd', 'x')), false);
  });

  it('an object a unit cannot match is neither read nor evaluated; a matching one still reports the exact violation', () => {
    const all = objects(`${PODS_IN_PROD}---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
spec:
  containers:
    - name: app
      image: nginx:latest
`);
    const u = unitOf(PODS_IN_PROD);
    const env = makeEnv(all);
    assert.deepEqual(evaluateUnit(u, untouchable('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'big'), env), { matched: false, violations: [] });
    assert.deepEqual(evaluateUnit(u, untouchable('Pod', 'v1', 'elsewhere', 'dev'), env), { matched: false, violations: [] });
    assert.deepEqual(evaluateUnit(u, all[1], env), {
      matched: true,
      violations: [{ messageId: 'validation-1', message: 'no latest tag in web', path: ['spec', 'containers', 0, 'image'], severity: 'error' }],
    });
  });

  it('policy rules for a scan judge and read only the kinds of their units; for the editor every kind', () => {
    const loaded = loadPolicies(objects(`${PODS_IN_PROD}---\n${DEPRECATED}`));
    const meta = (narrow: boolean) => policyRules(loaded, { narrow }).map((r) => [r.meta.id, r.meta.appliesTo, r.meta.reads]);
    assert.deepEqual(meta(true), [
      ['kyverno:no-latest/tag', ['Pod', 'DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'], ['Namespace']],
      ['kyverno:deprecated/old-cronjob', ['CronJob'], ['Namespace']],
      [NOT_EVALUATED, ['ClusterPolicy', 'Pod', 'DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'], ['Namespace']],
    ]);
    assert.deepEqual(meta(false), [
      ['kyverno:no-latest/tag', ['Pod', 'DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'], ['*']],
      ['kyverno:deprecated/old-cronjob', ['*'], ['*']],
      [NOT_EVALUATED, ['*'], ['*']],
    ]);
  });
});

describe('policies: whether a unit reads other objects of the scan (UnitScope.local)', () => {
  const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:latest
`;
  const PROD = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels: {env: prod}
`;
  /** A Kyverno ClusterPolicy with one rule: `match` and `validate` (YAML, indented for the rule). */
  const kyverno = (rule: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: p
spec:
  validationFailureAction: Enforce
  rules:
    - name: r
${rule}`;
  const MATCH_PODS = `      match:
        any:
          - resources:
              kinds: [Pod]
`;
  const NO_HOST_NETWORK = `      validate:
        message: "no host network"
        pattern:
          spec:
            =(hostNetwork): false
`;
  const celRule = (expression: string, extra = '') => `${MATCH_PODS}      validate:
        cel:
${extra}          expressions:
            - expression: "${expression}"
              message: "not on the host network in prod"
`;
  const ruleOf = (policy: string, id: string) => policyRules(loadPolicies(objects(policy)), { narrow: true }).find((r) => r.meta.id === id)!;

  it('a plain pattern rule is local, and its rule says it reads no other object', () => {
    const u = unitOf(kyverno(MATCH_PODS + NO_HOST_NETWORK));
    assert.equal(u.scope!.local, true);
    const rule = ruleOf(kyverno(MATCH_PODS + NO_HOST_NETWORK), 'kyverno:p/r');
    // `reads` stays what a scan composes and ships for it; readsOthers says the verdict needs none of it
    assert.deepEqual(rule.meta.reads, ['Namespace']);
    assert.equal(readsOthers(rule, { kind: 'Pod', apiVersion: 'v1' }), false);
    // the same verdict whether the scan holds the Pod's Namespace or not
    const [pod] = objects(POD);
    const alone = evaluateUnit(u, pod, makeEnv([pod]));
    assert.deepEqual(alone, { matched: true, violations: [{ messageId: 'validation-1', message: 'no host network', path: ['spec', 'hostNetwork'], severity: 'error' }] });
    assert.deepEqual(evaluateUnit(u, pod, makeEnv([...objects(PROD), pod])), alone);
  });

  it('a namespaceSelector in the match or in the exclude makes a rule read the scan\'s Namespaces', () => {
    const inMatch = kyverno(`      match:
        any:
          - resources:
              kinds: [Pod]
              namespaceSelector: {matchLabels: {env: prod}}
${NO_HOST_NETWORK}`);
    const inExclude = kyverno(`${MATCH_PODS}      exclude:
        any:
          - resources:
              namespaceSelector: {matchLabels: {env: dev}}
${NO_HOST_NETWORK}`);
    for (const policy of [inMatch, inExclude]) {
      const u = unitOf(policy);
      assert.equal(u.scope!.local, false);
      assert.equal(readsOthers(ruleOf(policy, 'kyverno:p/r'), { kind: 'Pod', apiVersion: 'v1' }), true);
    }
    // and indeed: without the Namespace the verdict is "namespace unknown"
    const [pod] = objects(POD);
    assert.deepEqual(evaluateUnit(unitOf(inMatch), pod, makeEnv([pod])), { matched: false, violations: [], unknownNamespace: 'prod' });
    assert.equal(evaluateUnit(unitOf(inMatch), pod, makeEnv([...objects(PROD), pod])).violations.length, 1);
  });

  it('CEL that reads namespaceObject (expressions or celPreconditions) or params is not local; other CEL is', () => {
    const nsExpr = kyverno(celRule("namespaceObject.metadata.labels.env != 'prod' || object.spec.hostNetwork != true"));
    const pre = kyverno(`${MATCH_PODS}      celPreconditions:
        - name: prod
          expression: "namespaceObject.metadata.labels.env == 'prod'"
      validate:
        cel:
          expressions:
            - expression: "object.spec.hostNetwork != true"
`);
    const params = kyverno(celRule('object.spec.hostNetwork != params.data.allowed', `          paramKind: {apiVersion: v1, kind: ConfigMap}
          paramRef: {name: settings, namespace: default}
`));
    const plain = kyverno(celRule('object.spec.hostNetwork != true'));
    assert.equal(unitOf(nsExpr).scope!.local, false);
    assert.equal(unitOf(pre).scope!.local, false);
    assert.equal(unitOf(params).scope!.local, false);
    assert.equal(unitOf(plain).scope!.local, true);
    assert.equal(readsOthers(ruleOf(nsExpr, 'kyverno:p/r'), { kind: 'Pod', apiVersion: 'v1' }), true);
    assert.equal(readsOthers(ruleOf(plain, 'kyverno:p/r'), { kind: 'Pod', apiVersion: 'v1' }), false);
    // namespaceObject is the scan's Namespace: its verdict changes with the objects of the scan
    const [pod] = objects(POD);
    assert.equal(evaluateUnit(unitOf(nsExpr), pod, makeEnv([pod])).violations.length, 0);
    assert.deepEqual(evaluateUnit(unitOf(nsExpr), pod, makeEnv([...objects(PROD), pod])).violations.map((v) => v.message), ['not on the host network in prod']);
  });

  it('VAP units are not local; policy-not-evaluated reads others only where a unit that is not local may judge or look', () => {
    const vap = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["apps"]
        apiVersions: ["v1"]
        operations: ["CREATE"]
        resources: ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas
spec:
  policyName: replicas
  validationActions: [Deny]
`;
    assert.equal(unitOf(vap).scope!.local, false);
    const local = policyRules(loadPolicies(objects(kyverno(MATCH_PODS + NO_HOST_NETWORK))), { narrow: true }).find((r) => r.meta.id === NOT_EVALUATED)!;
    for (const k of [{ kind: 'Pod', apiVersion: 'v1' }, { kind: 'ClusterPolicy', apiVersion: 'kyverno.io/v1' }]) assert.equal(readsOthers(local, k), false, k.kind);
    const selecting = kyverno(`      match:
        any:
          - resources:
              kinds: [Pod]
              namespaceSelector: {matchLabels: {env: prod}}
${NO_HOST_NETWORK}`);
    const mixed = policyRules(loadPolicies(objects(`${selecting}---\n${vap}`)), { narrow: true }).find((r) => r.meta.id === NOT_EVALUATED)!;
    // the policy whose unit has a namespaceSelector looks at every Pod of the scan; Pods and Deployments meet units that are not local
    assert.equal(readsOthers(mixed, { kind: 'ClusterPolicy', apiVersion: 'kyverno.io/v1' }), true);
    assert.equal(readsOthers(mixed, { kind: 'Pod', apiVersion: 'v1' }), true);
    assert.equal(readsOthers(mixed, { kind: 'Deployment', apiVersion: 'apps/v1' }), true);
    assert.equal(readsOthers(mixed, { kind: 'ValidatingAdmissionPolicy', apiVersion: 'admissionregistration.k8s.io/v1' }), false);
    assert.equal(readsOthers(mixed, { kind: 'Service', apiVersion: 'v1' }), false);
  });
});
