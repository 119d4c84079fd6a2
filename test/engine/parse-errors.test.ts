import * as assert from 'node:assert/strict';
import { LineIndex, lintText, makeRuleSet, parseManifest, resolveRules, type Range } from '../../engine';
import { Composer, Parser, type CST } from 'yaml';
import { composesCleanly } from '../../engine/syntax-clean';
import { YAML_OPTIONS } from '../../engine/parse';
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

  describe('documents no rule reads are composed for their errors only when their CST is not plainly clean', () => {
    const head = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\nspec:\n';
    const doc = (text: string) => [...new Parser().parse(text)].find((t): t is CST.Document => t.type === 'document')!;
    const composed = (text: string) => [...new Composer(YAML_OPTIONS as never).compose([doc(text)])].flatMap((d) => d.errors).filter((e) => e.code !== 'DUPLICATE_KEY');
    const errorsOf = (text: string) => parseManifest(text, { kinds: new Set(['Deployment']) }).docs.flatMap((d) => d.errors).map((e) => [e.code, e.message, e.range?.start.line, e.range?.start.character]);

    it('takes a plainly written CRD as clean without composing it', () => {
      const clean = head + '  group: example.com\n  names: {}\n  versions:\n  - name: v1 # served\n    served: true\n    schema:\n      openAPIV3Schema:\n        description: |-\n          A gadget.\n\n          More.\n        enum: []\n        x: \'q\'\n        y: "d"\n';
      assert.equal(composesCleanly(doc(clean)), true);
      assert.deepEqual(composed(clean), []);
      assert.deepEqual(errorsOf(clean), []);
    });

    // each of these breaks is reported exactly as composing the document reports it
    const broken: Array<[string, string, [string, string, number, number]]> = [
      ['a tab as indentation', '  group: x\n\tversions: []\n', ['TAB_AS_INDENT', 'Tabs are not allowed as indentation', 6, 0]],
      ['a comment glued to a quoted scalar', '  group: "x"#c\n', ['MISSING_CHAR', 'Comments must be separated from other tokens by white space characters', 5, 12]],
      ['a bad escape', '  group: "a\\qb"\n', ['BAD_DQ_ESCAPE', 'Invalid escape sequence \\q', 5, 11]],
      ['an unterminated quote', "  group: 'x\n", ['MISSING_CHAR', "Missing closing 'quote", 6, 0]],
      ['a block scalar line less indented than its first', '  d: |\n      a\n    b\n', ['BAD_INDENT', 'All mapping items must start at the same column', 7, 0]],
      ['a nested mapping in a compact one', '  a: b: c\n', ['BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings', 5, 5]],
    ];
    for (const [what, tail, first] of broken) {
      it(`reports ${what}`, () => {
        const text = head + tail;
        assert.equal(composesCleanly(doc(text)), false);
        const want = composed(text);
        assert.ok(want.length > 0);
        const got = errorsOf(text);
        assert.equal(got.length, want.length);
        assert.deepEqual(got[0], first);
      });
    }

    it('composes a document with a tag or an anchor (not judged from the CST) and finds it fine', () => {
      for (const tail of ['  a: !!int 1\n', '  a: &x {b: 1}\n  c: *x\n']) {
        assert.equal(composesCleanly(doc(head + tail)), false);
        assert.deepEqual(errorsOf(head + tail), []);
      }
    });
  });
});
