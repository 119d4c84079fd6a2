import * as assert from 'node:assert/strict';
import { applyFixes, defineRule, formatScalar, makeRuleSet } from '../../engine';

/** A throwaway rule: sets spec.hostNetwork to false wherever it is true. */
const rule = defineRule({
  meta: {
    id: 'test-set-through-alias', title: 't', category: 'cluster', goals: ['integrity'], severity: 'error',
    appliesTo: ['Pod'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'm' },
  },
  check(ctx) {
    if (ctx.get(['spec', 'hostNetwork']) !== true) return;
    const path = ['spec', 'hostNetwork'];
    ctx.report({ messageId: 'm', path, fix: { title: 't', safety: 'safe', ops: [{ op: 'set', path, value: false }] } });
  },
});

describe('engine fix: set a value written as an alias', () => {
  it('replaces the alias and leaves the anchored value (and its other users) alone', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    enabled: &on true
spec:
  hostNetwork: *on
  containers: [{name: a, image: x}]
`;
    const out = applyFixes(text, makeRuleSet([{ rule, severity: 'error', options: {} }]), () => true).text;
    assert.equal(out, text.replace('hostNetwork: *on', 'hostNetwork: false'));
  });
});

describe('engine fix: remove the first key of a sequence item', () => {
  const rule2 = defineRule({
    ...rule,
    meta: { ...rule.meta, id: 'test-remove-first-key' },
    check(ctx) {
      const path = ['spec', 'containers', 0, 'ports', 0, 'hostPort'];
      if (ctx.get(path) === undefined) return;
      ctx.report({ messageId: 'm', path, fix: { title: 't', safety: 'safe', ops: [{ op: 'remove', path }] } });
    },
  });
  const fix = (text: string) => applyFixes(text, makeRuleSet([{ rule: rule2, severity: 'error', options: {} }]), () => true).text;
  const head = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: x
      ports:
`;
  it('moves the next key up behind the dash', () => {
    assert.equal(fix(`${head}        - hostPort: 80 # node port\n          containerPort: 80\n          protocol: TCP\n`), `${head}        - containerPort: 80\n          protocol: TCP\n`);
  });
  it('offers nothing when the key is the only one of the item', () => {
    const text = `${head}        - hostPort: 80\n`;
    assert.equal(fix(text), text);
  });
});

describe('engine: formatScalar', () => {
  it('writes a command-line flag with "=" plain when YAML reads it back as the same string', () => {
    assert.equal(formatScalar('--anonymous-auth=false', false), '--anonymous-auth=false');
    assert.equal(formatScalar('--feature-gates=A=true', false), '--feature-gates=A=true');
  });
  it('still quotes what YAML would read differently or what a flow collection would split', () => {
    assert.equal(formatScalar('--tls-cipher-suites=A,B', false), '"--tls-cipher-suites=A,B"');
    assert.equal(formatScalar('--x=y', true), '"--x=y"');
  });
});
