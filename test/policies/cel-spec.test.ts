import { strict as assert } from 'node:assert';
import { K8S_FILES, loadSpecTests, runSpec, type SpecTest } from './cel-spec-harness';

// CEL's own conformance suite (cel-spec, installed by npm ci as the dev dependency @bufbuild/cel-spec) for the
// parts of CEL that Kubernetes and Kyverno enable. Every test of these files passes; the counts pin how many run
// (a test the harness stops running would otherwise go unnoticed) and how many need protobuf messages.
const EXPECTED: Record<string, { pass: number; skip: number }> = {
  basic: { pass: 43, skip: 0 }, comparisons: { pass: 334, skip: 72 }, conversions: { pass: 109, skip: 0 },
  fields: { pass: 60, skip: 0 }, fp_math: { pass: 30, skip: 0 }, integer_math: { pass: 64, skip: 0 },
  lists: { pass: 39, skip: 0 }, logic: { pass: 30, skip: 0 }, macros: { pass: 44, skip: 0 }, macros2: { pass: 46, skip: 0 },
  optionals: { pass: 59, skip: 11 }, parse: { pass: 193, skip: 26 }, string: { pass: 51, skip: 0 },
  string_ext: { pass: 206, skip: 3 }, timestamps: { pass: 74, skip: 2 }, bindings_ext: { pass: 5, skip: 0 },
  encoders_ext: { pass: 4, skip: 0 }, math_ext: { pass: 199, skip: 0 },
};

describe('CEL conformance (cel-spec)', function () {
  this.timeout(60000);
  let tests: SpecTest[] = [];
  before(() => { tests = loadSpecTests(); });

  it('covers the files Kubernetes and Kyverno use', () => {
    assert.deepEqual(Object.keys(EXPECTED), K8S_FILES);
  });

  for (const file of K8S_FILES) {
    it(file, () => {
      const r = runSpec(tests.filter((t) => t.file === file));
      assert.deepEqual(r.failures.map((f) => `${f.test.section}/${f.test.name}: ${f.test.expr} -> ${f.got}`), []);
      assert.deepEqual({ pass: r.pass, skip: r.skip }, EXPECTED[file]);
    });
  }
});
