import * as assert from 'node:assert/strict';
import { LineIndex, lintText, makeRuleSet, parseManifest, resolveRules, type Range } from '../../engine';
import { rules } from '../../rules';

/** A range lies in the text: its line exists and its character is at most that line's length. */
function inside(text: string, r: Range | undefined): boolean {
  if (!r) return true;
  const lines = text.split('\n');
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(r.start) && ok(r.end);
}

describe('engine: parse errors (issue 14: error-range-past-eof, syntax-error-unreported)', () => {
  it('clamps an error range that the parser puts one character past the end of the text', () => {
    const quote = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "open';
    const q = parseManifest(quote).docs.flatMap((d) => d.errors);
    assert.ok(q.length > 0);
    for (const e of q) assert.ok(inside(quote, e.range), JSON.stringify(e));
    assert.deepEqual(q[q.length - 1].range?.end, { line: 3, character: 13 });
    const flow = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {containers: [\n';
    const f = parseManifest(flow).docs.flatMap((d) => d.errors);
    assert.ok(f.length > 0);
    for (const e of f) assert.ok(inside(flow, e.range), JSON.stringify(e));
    assert.deepEqual(f[0].range, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } });
  });

  it('LineIndex.position clamps offsets outside the text', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepEqual(idx.position(99), { line: 1, character: 2 });
    assert.deepEqual(idx.position(-3), { line: 0, character: 0 });
  });

  it('reports the YAML errors of a document whose kind no active rule reads (a CRD)', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  versions:
  - name: v1
    schema:
      openAPIV3Schema:
        description: |-
          A gadget.
   9      Broken.
        type: object
`;
    // no rule reads CRDs (never composed for linting), or rules only look them up (composed lazily): the error counts
    for (const set of [makeRuleSet([]), resolveRules(rules, undefined, 'recommended')]) {
      const res = lintText(crd, set);
      assert.deepEqual(res.errors.map((e) => [e.message, e.range?.start.line]), [
        ['Sequence item without - indicator', 12],
        ['Sequence item without - indicator', 13],
      ]);
      assert.deepEqual(res.findings, []);
    }
    // the same break in a kind that is linted is reported the same way
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    command: |-\n      echo hi\n   2  echo more\n';
    assert.deepEqual(lintText(pod, makeRuleSet([])).errors.map((e) => [e.message, e.range?.start.line]), [['Sequence item without - indicator', 9]]);
  });

  it('still ignores broken YAML that is not a Kubernetes object (no kind)', () => {
    assert.deepEqual(lintText('values:\n  a: |-\n    x\n  2 y\n', makeRuleSet([])).errors, []);
  });
});
