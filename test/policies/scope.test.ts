import * as assert from 'node:assert/strict';
import { objectsOf, parseManifest, type K8sObject } from '../../engine';
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
    assert.deepEqual(u.scope, { kinds: ['CronJob'], reads: ['Namespace'], namespaceSelector: false });
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
    assert.deepEqual(u.scope, { kinds: '*', reads: ['Namespace'], namespaceSelector: false });
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
