import * as assert from 'node:assert/strict';
import { RECURSIVE_ALIAS, breakCycles, lintText, makeRuleSet, walkValue, type Rule } from '../../engine';
import { rules } from '../../rules';

const rule = (id: string): Rule => rules.find((r) => r.meta.id === id)!;

describe('engine: one cycle-safe value walk (issue 14: recursive-alias-rule-crash)', () => {
  it('walks depth first in document order and reports a shared value and a cycle once, without walking them again', () => {
    const shared = { k: 'v' };
    const root: Record<string, unknown> = { a: shared, b: [shared, 1] };
    (shared as Record<string, unknown>).self = root;
    const seen: string[] = [];
    walkValue(root, (e) => { seen.push(`${e.path.join('.')}${e.again ? `(${e.again})` : ''}`); });
    assert.deepEqual(seen, ['', 'a', 'a.k', 'a.self(cycle)', 'b', 'b.0(shared)', 'b.1']);
  });

  it('does not overflow the stack on deep values, and stops or skips on request', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let leaves = 0;
    walkValue(deep, (e) => { if (e.value === 'leaf') leaves++; });
    assert.equal(leaves, 1);
    const visited: string[] = [];
    walkValue({ a: { x: 1 }, b: 2, c: 3 }, (e) => {
      visited.push(e.path.join('.'));
      return e.key === 'a' ? 'skip' : e.key === 'b' ? 'stop' : undefined;
    });
    assert.deepEqual(visited, ['', 'a', 'b']);
  });

  it('breakCycles reads a recursive alias as null and returns where', () => {
    const spec: Record<string, unknown> = { containers: [] };
    spec.nodeSelector = { team: spec };
    assert.deepEqual(breakCycles({ spec }), [['spec', 'nodeSelector', 'team']]);
    assert.deepEqual(spec, { containers: [], nodeSelector: { team: null } });
  });

  it('a recursive alias is reported where it is written, and every rule still runs on the object', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: loop
  annotations:
    token: ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8
spec: &a
  containers:
  - name: c
    image: nginx:1.27
    securityContext:
      privileged: true
  nodeSelector:
    team: *a
`;
    const ids = ['exposed-credential', 'unknown-field', 'invalid-field-type', 'missing-required-field', 'privileged-container'];
    const res = lintText(text, makeRuleSet(ids.map((id) => ({ rule: rule(id), severity: 'error' as const, options: {} }))));
    assert.deepEqual(res.errors.map((e) => [e.code, e.message, e.range]), [[
      RECURSIVE_ALIAS,
      'recursive alias at spec.nodeSelector.team: the anchored node contains it; Kubernetes rejects this document',
      { start: { line: 13, character: 4 }, end: { line: 13, character: 12 } },
    ]]);
    assert.deepEqual(res.findings.map((f) => [f.ruleId, f.path.join('.')]), [
      ['exposed-credential', 'metadata.annotations.token'],
      ['privileged-container', 'spec.containers.0.securityContext.privileged'],
    ]);
  });

  it('exposed-credential reports a credential shared through an alias once, where it is written', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: twice
spec:
  containers:
  - name: a
    image: nginx:1.27
    env: &env
    - name: GITHUB_TOKEN
      value: ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8
  - name: b
    image: nginx:1.27
    env: *env
`;
    const res = lintText(text, makeRuleSet([{ rule: rule('exposed-credential'), severity: 'error', options: {} }]));
    assert.deepEqual(res.errors, []);
    assert.deepEqual(res.findings.map((f) => [f.ruleId, f.path.join('.'), f.range.start.line]), [['exposed-credential', 'spec.containers.0.env.0.value', 10]]);
  });
});
