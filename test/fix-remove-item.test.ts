import * as assert from 'node:assert/strict';
import { applyFixes, defineRule, makeRuleSet } from '../engine';

// Removes the env entry named BAD, wherever it sits in the list.
const dropBad = defineRule({
  meta: {
    id: 'test-remove-item', title: 't', category: 'core', goals: ['utility'], severity: 'info',
    appliesTo: ['Pod'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { bad: 'bad' },
  },
  check(ctx) {
    const env = ctx.get(['spec', 'containers', 0, 'env']);
    if (!Array.isArray(env)) return;
    env.forEach((e, i) => {
      if ((e as { name?: string }).name !== 'BAD') return;
      const path = ['spec', 'containers', 0, 'env', i];
      ctx.report({ messageId: 'bad', path, fix: { title: 'remove', safety: 'safe', ops: [{ op: 'remove', path }] } });
    });
  },
});

describe('engine: removing a sequence item that is not the last one', () => {
  it('is verified (later items move up) and applied', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env:\n        - name: BAD\n          value: "1"\n        - name: GOOD\n          value: "2"\n';
    const out = applyFixes(text, makeRuleSet([{ rule: dropBad, severity: 'info', options: {} }]), () => true).text;
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env:\n        - name: GOOD\n          value: "2"\n');
  });
});
