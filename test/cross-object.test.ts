import * as assert from 'node:assert/strict';
import { defineRule, lintText, makeRuleSet } from '../engine';

// A rule that reports, on each ConfigMap, how many ConfigMaps it can see through ctx.objects.
const counter = defineRule({
  meta: {
    id: 'test-cross-object', title: 't', category: 'core', goals: ['utility'], severity: 'info',
    appliesTo: ['ConfigMap'], reads: ['Secret'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {},
    messages: { seen: '{{count}}' },
  },
  check(ctx) {
    ctx.report({ messageId: 'seen', data: { count: ctx.objects.map((o) => `${o.kind}/${o.name}`).join(',') }, path: ['metadata', 'name'] });
  },
});

describe('engine: cross-object scope', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n---\nbroken: [\n';
  it('ctx.objects holds every object of the file, not only the same document', () => {
    const res = lintText(text, makeRuleSet([{ rule: counter, severity: 'info', options: {} }]));
    assert.deepEqual(res.findings.map((f) => f.message), ['ConfigMap/a,Secret/b']);
  });
});
