import * as assert from 'node:assert/strict';
import { defineRule, isCustomApiVersion, lintText, makeRuleSet, parseManifest, type Rule } from '../../engine';

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

  it('composes CRDs in a file without custom resources too (the custom resource may be in another file)', () => {
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }]);
    const parsed = parseManifest(`${CRD}---\n${SVC}`, { kinds: set.kinds });
    assert.deepEqual(parsed.docs.map((d) => !!d.doc), [true, true]);
    // kinds neither applied to nor read stay uncomposed
    const other = parseManifest(`${CRD}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`, { kinds: set.kinds });
    assert.deepEqual(other.docs.map((d) => !!d.doc), [true, false]);
  });

  it('finds custom resources written as JSON or flow maps', () => {
    const set = makeRuleSet([{ rule, severity: 'error', options: {} }]);
    const json = '{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}\n';
    assert.deepEqual(parseManifest(`${CRD}---\n${json}`, { kinds: set.kinds }).docs.map((d) => !!d.doc), [true, true]);
    assert.deepEqual(parseManifest(`${CRD}---\n{apiVersion: example.com/v1, kind: Widget}\n`, { kinds: set.kinds }).docs.map((d) => !!d.doc), [true, true]);
  });

  it('reads of a rule without customResource are composed unconditionally', () => {
    const plain = defineRule({ ...rule, meta: { ...rule.meta, appliesTo: ['Service'] } });
    const parsed = parseManifest(`${CRD}---\n${SVC}`, { kinds: makeRuleSet([{ rule: plain, severity: 'error', options: {} }]).kinds });
    assert.deepEqual(parsed.docs.map((d) => !!d.doc), [true, true]);
  });
});
