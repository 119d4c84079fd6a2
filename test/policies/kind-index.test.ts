import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../cli/scan';
import { findPolicies } from '../../cli/policies';
import { isPolicyObject, loadPolicies, makeEnv, mayJudgeKind, policyRules, unitsFor } from '../../policies';
import { objectsOf, parseManifest } from '../../engine';
import { readFileSync } from 'node:fs';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'policies', 'kind-index');
const files = ['policies.yaml', 'engines.yaml', 'objects.yaml'].map((f) => join(FIXTURE, f));

const plain = (r: ScanResult) => JSON.parse(JSON.stringify(r)) as ScanResult;
const policyLines = (r: ScanResult) => r.results.flatMap((f) => f.findings.filter((x) => x.ruleId.includes(':') || x.ruleId === 'policy-not-evaluated')
  .map((x) => `${f.file.split('/').pop()}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.ruleId} ${x.severity} ${x.message}`));

function fixtureObjects() {
  return files.flatMap((f) => parseManifest(readFileSync(f, 'utf8'), {}).docs.flatMap((pd) => (pd.doc ? objectsOf(pd, f) : [])));
}

describe('policies: each object meets only the units that may match its kind', () => {
  it('keeps every unit whose kinds match: `*`, group/version/kind, version/kind, wildcards in kind and version, autogen controllers', () => {
    const { units } = loadPolicies(fixtureObjects());
    const ids = (kind: string, apiVersion: string) => unitsFor(units, { kind, apiVersion }).map((u) => u.id);
    const anyKind = 'kyverno:team-label/any-kind';
    const gkAny = 'gatekeeper:K8sMaxReplicas/any-kind-max-4';
    assert.deepEqual(ids('ConfigMap', 'v1'), [anyKind, 'kyverno:kind-forms/wildcard-kind', 'kyverno:shop/shop-configs/owner', gkAny]);
    assert.deepEqual(ids('Deployment', 'apps/v1'), [anyKind, 'kyverno:kind-forms/group-version-kind', 'kyverno:no-host-network/host-network', 'kyverno:pod-images', 'gatekeeper:K8sMaxReplicas/apps-max-2', gkAny]);
    // another group or version than the rule names: only the rules that name no group or version (the
    // ValidatingPolicy through its autogen for controllers, the Gatekeeper constraint for any group)
    assert.deepEqual(ids('Deployment', 'extensions/v1beta1'), [anyKind, 'kyverno:no-host-network/host-network', 'kyverno:pod-images', gkAny]);
    assert.deepEqual(ids('Secret', 'v1'), [anyKind, 'kyverno:kind-forms/version-kind', gkAny]);
    // a namespaced Policy never judges a cluster-scoped object, even of a kind it names
    assert.deepEqual(ids('ClusterRole', 'rbac.authorization.k8s.io/v1'), [anyKind, 'kyverno:kind-forms/wildcard-version', gkAny]);
    assert.deepEqual(ids('ClusterRole', 'rbac.authorization.k8s.io/v1beta1'), [anyKind, 'kyverno:kind-forms/wildcard-version', gkAny]);
    // the exclude block (namespaces) is decided per object, never per kind
    assert.deepEqual(ids('Pod', 'v1'), [anyKind, 'kyverno:no-host-network/host-network', 'kyverno:pod-images', gkAny]);
    assert.deepEqual(ids('Service', 'v1'), [anyKind, gkAny]);
    // policy objects are never judged; `Pod/exec` names no object
    assert.deepEqual(ids('ClusterPolicy', 'kyverno.io/v1'), []);
    assert.deepEqual(ids('K8sMaxReplicas', 'constraints.gatekeeper.sh/v1beta1'), []);
    // Gatekeeper and ValidatingPolicy units say what they judge and read, as Kyverno rules do
    const scope = (id: string) => units.find((u) => u.id === id)!.scope;
    assert.deepEqual(scope('gatekeeper:K8sMaxReplicas/apps-max-2'), { kinds: ['Deployment', 'StatefulSet'], reads: ['Namespace'], namespaceSelector: false });
    assert.deepEqual(scope(gkAny), { kinds: '*', reads: ['Namespace'], namespaceSelector: false });
    assert.deepEqual(scope('kyverno:pod-images'), { kinds: '*', reads: ['Namespace'], namespaceSelector: false });
    assert.ok(!units.some((u) => u.id === 'kyverno:kind-forms/subresource-only' && ['Pod', 'Deployment', 'ConfigMap'].some((k) => mayJudgeKind(u, { kind: k, apiVersion: 'v1' }))));
  });

  it('Gatekeeper and ValidatingPolicy units admit by identity as their match would', () => {
    const { units } = loadPolicies(fixtureObjects());
    const u = (id: string) => units.find((x) => x.id === id)!;
    const gk = u('gatekeeper:K8sMaxReplicas/apps-max-2');
    assert.equal(gk.admits!({ kind: 'Deployment', apiVersion: 'apps/v1', name: 'a', namespace: 'shop' }), true);
    assert.equal(gk.admits!({ kind: 'Deployment', apiVersion: 'apps/v1', name: 'a', namespace: 'kube-system' }), false, 'excludedNamespaces');
    assert.equal(gk.admits!({ kind: 'Pod', apiVersion: 'v1', name: 'a', namespace: 'shop' }), false);
    const any = u('gatekeeper:K8sMaxReplicas/any-kind-max-4');
    assert.equal(any.admits!({ kind: 'Service', apiVersion: 'v1', name: 'a', namespace: 'shop' }), true);
    assert.equal(any.admits!({ kind: 'Service', apiVersion: 'v1', name: 'a', namespace: 'other' }), false, 'namespaces');
    assert.equal(any.admits!({ kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', name: 'a' }), false, 'no namespace');
    const vpol = u('kyverno:pod-images');
    assert.equal(vpol.admits!({ kind: 'Pod', apiVersion: 'v1', name: 'a' }), true);
    assert.equal(vpol.admits!({ kind: 'CronJob', apiVersion: 'batch/v1', name: 'a' }), true, 'the Pod of its template');
    assert.equal(vpol.admits!({ kind: 'ConfigMap', apiVersion: 'v1', name: 'a' }), false);
  });

  it('a unit left out for a kind gives "not matched" on every object of that kind', () => {
    const all = fixtureObjects();
    const { units } = loadPolicies(all);
    const env = makeEnv(all);
    let left = 0;
    for (const u of units) for (const o of all) {
      // policy objects are left out before a unit is asked (evaluateUnit); the rest by the unit's admitsKind
      if (mayJudgeKind(u, o) || isPolicyObject(o)) continue;
      left++;
      assert.deepEqual(u.evaluate(o, env), { matched: false, violations: [] }, `${u.id} on ${o.kind}/${o.name}`);
    }
    assert.ok(left > 10, `${left} pairs left out`);
  });

  it('a scan reports the same findings as without narrowing, with their rule ids, files and ranges', async function () {
    this.timeout(60000);
    const found = findPolicies({ files });
    const narrow = plain(await scan({ files, workers: 1, policies: found }));
    const wide = plain(await scan({ files, workers: 1, policies: { ...found, rules: policyRules(loadPolicies(found.recipe.sources), {}) } }));
    assert.deepEqual(narrow, wide);
    assert.deepEqual(policyLines(narrow), [
      'objects.yaml:8:0-8:8 kyverno:team-label/any-kind error Deployment web needs a team label',
      'objects.yaml:11:0-11:4 gatekeeper:K8sMaxReplicas/any-kind-max-4 warning at most 4 replicas',
      'objects.yaml:11:0-11:4 gatekeeper:K8sMaxReplicas/apps-max-2 error at most 2 replicas',
      'objects.yaml:12:2-12:13 kyverno:kind-forms/group-version-kind info at most 3 replicas',
      'objects.yaml:19:6-19:23 kyverno:no-host-network/host-network error host network is not allowed',
      'objects.yaml:20:6-20:16 kyverno:pod-images info images come from registry.example.com',
      'objects.yaml:32:2-32:12 kyverno:pod-images info images come from registry.example.com',
      'objects.yaml:37:0-37:12 kyverno:kind-forms/version-kind info secrets are typed',
      'objects.yaml:45:0-45:15 kyverno:kind-forms/wildcard-kind info config maps are immutable',
      'objects.yaml:46:0-46:8 kyverno:shop/shop-configs/owner error config maps in shop name an owner',
      'objects.yaml:61:0-61:17 kyverno:kind-forms/wildcard-version info no wildcard verbs',
    ]);
  });
});
