import * as assert from 'node:assert/strict';
import { applyLspEdits, editsOf, LspClient } from './lsp-client';
import { rangeTuple } from './helpers';

/** Issue 14 reproducers, as the editor sees them (the same engine as the CLI). */
describe('server: issue 14 regressions (quick fix on anchors, errors of unjudged kinds, ranges at EOF, harden)', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    c.settings = { kubehex: { profile: 'all' } };
    await c.initialize({ pull: true });
  });
  after(() => c.kill());

  const pull = async (uri: string) => (await c.request('textDocument/diagnostic', { textDocument: { uri } })).items as any[];

  it('fix-edits-shared-anchors: the quick fix moves the anchor instead of flipping its aliases', async () => {
    const uri = 'file:///virtual/anchors.yaml';
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: &yes true\n      readOnlyRootFilesystem: *yes\n      runAsNonRoot: *yes\n';
    c.open(uri, text, 1);
    const d = (await pull(uri)).find((x) => x.code === 'privileged-container');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a: any) => a.isPreferred);
    assert.equal(fix.title, 'Set privileged: false');
    assert.equal(applyLspEdits(text, editsOf(fix, uri)), text.replace('privileged: &yes true', 'privileged: false').replace('readOnlyRootFilesystem: *yes', 'readOnlyRootFilesystem: &yes true'));
  });

  it('syntax-error-unreported and error-range-past-eof: a broken CRD is reported, and an error at the end stays in the text', async () => {
    const crd = 'file:///virtual/crd.yaml';
    c.open(crd, 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\nspec:\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n        description: |-\n          A gadget.\n   9      Broken.\n        type: object\n', 1);
    const errs = (await pull(crd)).filter((x) => x.code === 'yaml-syntax');
    assert.deepEqual(errs.map((x) => [x.message, x.range.start.line]), [['Sequence item without - indicator', 11], ['Sequence item without - indicator', 12]]);
    const eof = 'file:///virtual/eof.yaml';
    c.open(eof, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "open', 1);
    const ranges = (await pull(eof)).filter((x) => x.code === 'yaml-syntax').map((x) => rangeTuple(x.range));
    assert.ok(ranges.length);
    for (const r of ranges) assert.ok(r[2] < 3 || (r[2] === 3 && r[3] <= 13), JSON.stringify(ranges));
  });

  it('slow-codeaction-many-findings: "Harden" applies every fix of a 12-container Deployment; the same text gets the same actions', async () => {
    const uri = 'file:///virtual/many.yaml';
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n' +
      Array.from({ length: 12 }, (_, i) => `      - name: c${i}\n        image: nginx:latest\n        securityContext:\n          privileged: true\n`).join('');
    c.open(uri, text, 1);
    const d = (await pull(uri)).find((x) => x.code === 'privileged-container');
    const ask = () => c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const first = await ask();
    const harden = first.find((a: any) => a.kind === 'refactor.rewrite');
    assert.match(harden.title, /^Harden Deployment d \(apply \d+ fixes\)$/);
    const fixed = applyLspEdits(text, editsOf(harden, uri));
    c.change(uri, 2, [{ text: fixed }]);
    const left = (await pull(uri)).filter((x) => x.data?.fixable);
    assert.deepEqual(left.map((x) => x.code), []);
    assert.ok(Number(/apply (\d+)/.exec(harden.title)![1]) > 12 * 3);
    const back = applyLspEdits(fixed, [{ range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } }, newText: text }]);
    c.change(uri, 3, [{ text: back }]);
    const again = await ask();
    assert.deepEqual(again.map((a: any) => a.title), first.map((a: any) => a.title));
  });
});
