import * as assert from 'node:assert/strict';
import { applyFixes, defineRule, lintText, makeRuleSet, parseManifest, planFix, verifyFix, applyEdits } from '../../engine';

// A rule that removes one item of `spec.items` (by index), to exercise sequence-item removal.
const removeItem = (index: number) => defineRule({
  meta: {
    id: 'remove-item', title: 'test', category: 'chain', goals: ['integrity'], severity: 'warning',
    appliesTo: ['Thing'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'm' },
  },
  check(ctx) {
    const items = ctx.get(['spec', 'items']);
    if (Array.isArray(items) && items[index] === 'bad') ctx.report({ messageId: 'm', path: ['spec', 'items', index], fix: { title: 'remove', safety: 'safe', ops: [{ op: 'remove', path: ['spec', 'items', index] }] } });
  },
});

function fix(index: number, text: string): string {
  const rule = removeItem(index);
  return applyFixes(text, makeRuleSet([{ rule, severity: 'warning', options: {} }]), () => true).text;
}

describe('engine: removing a sequence item that is not the last', () => {
  it('verifies a block item removal by the shorter sequence, not by the vanished index', () => {
    const text = 'apiVersion: v1\nkind: Thing\nspec:\n  items:\n    - bad\n    - good\n';
    assert.equal(fix(0, text), 'apiVersion: v1\nkind: Thing\nspec:\n  items:\n    - good\n');
  });
  it('verifies a flow item removal the same way', () => {
    const text = 'apiVersion: v1\nkind: Thing\nspec:\n  items: [bad, good, other]\n';
    assert.equal(fix(0, text), 'apiVersion: v1\nkind: Thing\nspec:\n  items: [good, other]\n');
  });
  it('still rejects an edit that did not shorten the sequence', () => {
    const text = 'apiVersion: v1\nkind: Thing\nspec:\n  items: [bad, good]\n';
    const doc = parseManifest(text).docs[0].doc!;
    const ops = [{ op: 'remove' as const, path: ['spec', 'items', 0] }];
    assert.equal(verifyFix('apiVersion: v1\nkind: Thing\nspec:\n  items: [good, bad]\n', ops, doc), false);
    const edits = planFix(text, doc, ops)!;
    assert.equal(verifyFix(applyEdits(text, edits), ops, doc), true);
  });
  it('one fix may take several items out of the same list (block and flow)', () => {
    const ops = [{ op: 'remove' as const, path: ['spec', 'items', 0] }, { op: 'remove' as const, path: ['spec', 'items', 2] }];
    for (const [text, want] of [
      ['apiVersion: v1\nkind: Thing\nspec:\n  items:\n    - bad\n    - good\n    - bad\n    - other\n', 'apiVersion: v1\nkind: Thing\nspec:\n  items:\n    - good\n    - other\n'],
      ['apiVersion: v1\nkind: Thing\nspec:\n  items: [bad, good, bad, other]\n', 'apiVersion: v1\nkind: Thing\nspec:\n  items: [good, other]\n'],
    ]) {
      const doc = parseManifest(text).docs[0].doc!;
      const edits = planFix(text, doc, ops);
      assert.ok(edits, text);
      const out = applyEdits(text, edits);
      assert.equal(out, want);
      assert.equal(verifyFix(out, ops, doc), true);
      // taking only one of them out is not what the fix promised
      assert.equal(verifyFix(applyEdits(text, planFix(text, doc, ops.slice(0, 1))!), ops, doc), false);
    }
  });
  it('the finding keeps its fix after linting', () => {
    const rule = removeItem(0);
    const res = lintText('apiVersion: v1\nkind: Thing\nspec:\n  items: [bad, good]\n', makeRuleSet([{ rule, severity: 'warning', options: {} }]));
    assert.equal(res.findings.length, 1);
    assert.ok(res.findings[0].fix);
  });
});

describe('engine: fixes that would break the document', () => {
  it('a removal that deletes an anchor still used by an alias is not offered', () => {
    const text = 'apiVersion: v1\nkind: Thing\nspec:\n  items:\n    - bad\n  keep: &k\n    - x\n  other: *k\n';
    const doc = parseManifest(text).docs[0].doc!;
    const ops = [{ op: 'remove' as const, path: ['spec', 'keep'] }];
    const edits = planFix(text, doc, ops)!;
    assert.ok(edits, 'the edit itself can be planned');
    assert.equal(verifyFix(applyEdits(text, edits), ops, doc), false);
  });
});

describe('engine: applying every fix', () => {
  it('fixes two findings that reach the same path one after the other', () => {
    // each round removes items[0]; the second "bad" moves into index 0 and is a new finding there
    const rule = defineRule({
      meta: {
        id: 'remove-bad', title: 'test', category: 'chain', goals: ['integrity'], severity: 'warning',
        appliesTo: ['Thing'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'item {{v}}' },
      },
      check(ctx) {
        const items = ctx.get(['spec', 'items']);
        if (!Array.isArray(items)) return;
        items.forEach((v, i) => { if (String(v).startsWith('bad')) ctx.report({ messageId: 'm', data: { v: String(v) }, path: ['spec', 'items', i], fix: { title: 'remove', safety: 'safe', ops: [{ op: 'remove', path: ['spec', 'items', i] }] } }); });
      },
    });
    const text = 'apiVersion: v1\nkind: Thing\nspec:\n  items: [bad1, bad2, good]\n';
    assert.equal(applyFixes(text, makeRuleSet([{ rule, severity: 'warning', options: {} }]), () => true).text, 'apiVersion: v1\nkind: Thing\nspec:\n  items: [good]\n');
  });
});

describe('engine: filling an empty value that carries a trailing comment', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: d\n      securityContext:   # hardened later\n      image: nginx\n';
  const doc = () => parseManifest(text).docs[0].doc!;
  it('creates the nested map below the comment', () => {
    const ops = [{ op: 'set' as const, path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }];
    const edits = planFix(text, doc(), ops)!;
    const out = applyEdits(text, edits);
    assert.equal(out, text.replace('# hardened later\n', '# hardened later\n        allowPrivilegeEscalation: false\n'));
    assert.equal(verifyFix(out, ops, doc()), true);
  });
  it('sets a scalar before the comment, keeping the blanks', () => {
    const ops = [{ op: 'set' as const, path: ['spec', 'containers', 0, 'securityContext'], value: 'x' }];
    const out = applyEdits(text, planFix(text, doc(), ops)!);
    assert.equal(out, text.replace('securityContext:   #', 'securityContext: x   #'));
    assert.equal(verifyFix(out, ops, doc()), true);
  });
});
