import * as assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { defineRule, isCustomApiVersion, lintText, makeRuleSet, objectsOf, parseManifest, type Rule } from '../../engine';

const seen: string[] = [];
const rule: Rule = defineRule({
  meta: {
    id: 'test-custom', title: 't', category: 'chain', goals: ['integrity'], severity: 'error',
    appliesTo: ['Service', 'customResource'], reads: ['CustomResourceDefinition'],
    profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'm' },
  },
  check(ctx) { seen.push(`${ctx.object.kind}:${ctx.objects.map((o) => o.kind).join(',')}`); },
});

const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com}\n';
const CR = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n';

describe('engine: rules for custom resources', () => {
  beforeEach(() => { seen.length = 0; });

  it('tells custom API groups from built-in ones', () => {
    for (const v of ['example.com/v1', 'monitoring.coreos.com/v1', 'apps.openshift.io/v1']) assert.ok(isCustomApiVersion(v), v);
    for (const v of ['v1', 'apps/v1', 'networking.k8s.io/v1', 'apiextensions.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', undefined]) assert.ok(!isCustomApiVersion(v), String(v));
  });

  it('runs on custom resources and lets them see the CRDs of the file', () => {
    lintText(`${CRD}---\n${SVC}---\n${CR}`, makeRuleSet([{ rule, severity: 'error', options: {} }]));
    assert.deepEqual(seen, ['Service:CustomResourceDefinition,Service,Widget', 'Widget:CustomResourceDefinition,Service,Widget']);
  });

  it('leaves CRDs that rules only look up uncomposed, and composes their object on first use', () => {
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }]);
    assert.deepEqual([...set.lazy!], ['CustomResourceDefinition']);
    const parsed = parseManifest(`${CRD}---\n${SVC}`, { kinds: set.kinds, lazy: set.lazy });
    assert.deepEqual(parsed.docs.map((d) => [!!d.doc, !!d.lazy]), [[false, true], [true, false]]);
    const [crd] = objectsOf(parsed.docs[0], 'crd.yaml');
    assert.deepEqual({ kind: crd.kind, apiVersion: crd.apiVersion, file: crd.file }, { kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1', file: 'crd.yaml' });
    assert.equal(parsed.docs[0].doc, undefined, 'reading kind and apiVersion composes nothing');
    assert.deepEqual({ name: crd.name, spec: crd.value.spec }, { name: 'widgets.example.com', spec: { group: 'example.com' } });
    // copies and worker-thread transfers see the composed fields
    assert.deepEqual(deserialize(serialize(crd)), { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', path: [], file: 'crd.yaml', name: 'widgets.example.com', namespace: undefined, value: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com' } }, metadata: { name: 'widgets.example.com' } });
    // a caller that passes only the kinds gets the looked-up kinds composed, as before
    assert.deepEqual(parseManifest(`${CRD}---\n${SVC}`, { kinds: set.kinds }).docs.map((d) => [!!d.doc, !!d.lazy]), [[true, false], [true, false]]);
    // kinds neither judged nor looked up are neither composed nor lazy
    const other = parseManifest(`${CRD}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`, { kinds: set.kinds, lazy: set.lazy });
    assert.deepEqual(other.docs.map((d) => [!!d.doc, !!d.lazy]), [[false, true], [false, false]]);
  });

  it('a lazy document that turns out broken gives an object without fields', () => {
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }]);
    const parsed = parseManifest(`${CRD.replace('spec:', 'spec: {a: 1}\nspec:')}---\n${SVC}`, { kinds: set.kinds, lazy: set.lazy });
    const [crd] = objectsOf(parsed.docs[0]);
    assert.deepEqual({ name: crd.name, value: crd.value, metadata: crd.metadata }, { name: '', value: {}, metadata: {} });
  });

  it('finds custom resources written as JSON or flow maps', () => {
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }]);
    const json = '{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}\n';
    assert.deepEqual(parseManifest(`${CRD}---\n${json}`, { kinds: set.kinds, lazy: set.lazy }).docs.map((d) => [!!d.doc, !!d.lazy]), [[false, true], [true, false]]);
    assert.deepEqual(parseManifest(`${CRD}---\n{apiVersion: example.com/v1, kind: Widget}\n`, { kinds: set.kinds, lazy: set.lazy }).docs.map((d) => [!!d.doc, !!d.lazy]), [[false, true], [true, false]]);
  });

  it('a kind a rule both judges and another reads is composed', () => {
    const judge = defineRule({ ...rule, meta: { ...rule.meta, id: 'judge-crd', appliesTo: ['CustomResourceDefinition'], reads: [] } });
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }, { rule: judge, severity: 'error', options: {} }]);
    assert.deepEqual([...set.lazy!], []);
    const parsed = parseManifest(`${CRD}---\n${SVC}`, { kinds: set.kinds, lazy: set.lazy });
    assert.deepEqual(parsed.docs.map((d) => [!!d.doc, !!d.lazy]), [[true, false], [true, false]]);
  });
});
