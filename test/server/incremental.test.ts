import * as assert from 'node:assert/strict';
import { DocLinter, relayout, type DocResult } from '../../server/doc-lint';
import { splitChunks } from '../../server/chunks';
import { ObjectIndex } from '../../server/object-index';
import { PieceDocument } from '../../server/text-buffer';
import { lintText, resolveRules, type RuleSet } from '../../engine';
import { rules } from '../../rules';
import { podDoc } from './helpers';
import { KubehexServer } from '../../server/server';
import type { Connection } from 'vscode-languageserver';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
          securityContext:
            privileged: false
`;
const service = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: {app: ${app}}
  ports:
    - port: 80
`;
const account = (name: string) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: shop
automountServiceAccountToken: false
`;

type Row = [string, number, number, number, number, number, string];
const rows = (r: DocResult): Row[] => [
  ...r.errors.map((e): Row => ['!error', -1, e.range?.start.line ?? -1, e.range?.start.character ?? -1, e.range?.end.line ?? -1, e.range?.end.character ?? -1, e.message]),
  ...r.findings.map((f): Row => [f.ruleId, f.docIndex, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message]),
];

describe('server: incremental edit path equals a fresh lint', () => {
  const set: RuleSet = resolveRules(rules, undefined);
  const text = ['# shop\n', deployment('web'), '---\n', service('web', 'web'), '---\n', podDoc('a', true), '--- # tail\n', deployment('api'), '---\n', account('nope')].join('');

  /** A small piece size, so edits cross piece boundaries. */
  const open = () => new PieceDocument('file:///virtual/inc.yaml', 'yaml', 1, text, 64);
  const at = (doc: PieceDocument, needle: string, nth = 0) => {
    const t = doc.getText();
    let i = -1;
    for (let k = 0; k <= nth; k++) i = t.indexOf(needle, i + 1);
    assert.ok(i >= 0, `no ${needle}`);
    return i;
  };
  const edit = (doc: PieceDocument, start: number, end: number, insert: string) => {
    doc.update([{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }], doc.version + 1);
  };

  it('after each of several edits (values, new and removed `---` lines, two changes at once): same ids, ranges, messages', async () => {
    const doc = open();
    const inc = new DocLinter('file:///virtual/inc.yaml', undefined, new ObjectIndex());
    const lint = () => inc.lint(doc.source(), doc.version, set, 'k', () => undefined);
    const fresh = async () => rows(await new DocLinter('file:///virtual/inc.yaml', undefined, new ObjectIndex()).lint(doc.getText(), doc.version, set, 'k', () => undefined));
    const whole = () => lintText(doc.getText(), set).findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.message]);
    const check = async (what: string) => {
      const r = await lint();
      assert.deepEqual(rows(r), await fresh(), what);
      assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.message]), whole(), what);
      return r;
    };
    const first = await check('open');
    assert.equal(first.chunks.length, 5);
    assert.deepEqual(first.findings.filter((f) => f.ruleId === 'privileged-container' || f.ruleId === 'service-account-missing').map((f) => [f.ruleId, f.range.start.line]), [['service-account-missing', 13], ['privileged-container', 39], ['service-account-missing', 53]]);

    // a value in the pod: only its chunk is parsed again, the finding goes
    edit(doc, at(doc, 'privileged: true') + 'privileged: '.length, at(doc, 'privileged: true') + 'privileged: true'.length, 'false');
    let r = await check('value edit');
    assert.equal(r.linted, 1);
    assert.equal(r.findings.filter((f) => f.ruleId === 'privileged-container').length, 0);

    // the first deployment made privileged (a change before every other chunk): they all move, none re-parsed
    edit(doc, at(doc, 'privileged: false'), at(doc, 'privileged: false'), '# a comment\n          ');
    r = await check('insert a line');
    assert.equal(r.linted, 1);

    // a new `---` line splits the service off its deployment... then the marker is broken and restored
    const svc = at(doc, 'apiVersion: v1\nkind: Service');
    edit(doc, svc - '---\n'.length + 1, svc - '---\n'.length + 2, 'x');
    r = await check('marker broken');
    assert.equal(r.chunks.length, 4);
    edit(doc, svc - '---\n'.length + 1, svc - '---\n'.length + 2, '-');
    r = await check('marker restored');
    assert.equal(r.chunks.length, 5);
    assert.equal(r.linted, 2, 'the cache keeps the chunks of the last version only: both halves are parsed again');

    // a document typed in the middle, in two changes of one version
    const mid = doc.positionAt(at(doc, '--- # tail')).line;
    doc.update([
      { range: { start: { line: mid, character: 0 }, end: { line: mid, character: 0 } }, text: '---\n' },
      // positions of the second change count in the text after the first
      { range: { start: { line: mid + 1, character: 0 }, end: { line: mid + 1, character: 0 } }, text: podDoc('b', true) },
    ], doc.version + 1);
    r = await check('document inserted');
    assert.equal(r.chunks.length, 6);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.message), ['Pod b: container "b" runs privileged, with full access to the node.']);

    // the service account renamed to the one the deployment names: the deployment's cross-object finding goes
    const nope = at(doc, 'name: nope');
    edit(doc, nope + 'name: '.length, nope + 'name: nope'.length, 'api');
    r = await check('account renamed');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'service-account-missing').map((f) => f.message.slice(0, 15)), ['Deployment web:']);

    // the start and the end of the file
    edit(doc, 0, '# shop\n'.length, '');
    await check('first line removed');
    edit(doc, doc.textLength, doc.textLength, '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    await check('appended');
    // a whole document deleted (from its `---` to the next)
    const b = at(doc, 'name: b');
    const from = doc.getText().lastIndexOf('\n---\n', b) + 1;
    const to = doc.getText().indexOf('\n---', b) + 1;
    edit(doc, from, to, '');
    r = await check('document deleted');
    assert.equal(r.chunks.length, 6);
    // everything replaced at once
    doc.update([{ text: podDoc('z', true) }], doc.version + 1);
    r = await check('full replace');
    assert.equal(r.chunks.length, 1);
  });

  it('edits that change cross-object findings (a selector label, pod labels, a ServiceAccount in another file): same ids, ranges, messages as a fresh lint', async () => {
    // every rule, dangling-reference (a Service whose selector matches no pods) among them
    const all: RuleSet = resolveRules(rules, undefined, 'all');
    const A = 'file:///virtual/a.yaml';
    const B = 'file:///virtual/b.yaml';
    const a = new PieceDocument(A, 'yaml', 1, [deployment('web'), '---\n', service('web', 'web'), '---\n', deployment('api')].join(''), 64);
    const b = new PieceDocument(B, 'yaml', 1, account('nope'), 64);
    const index = new ObjectIndex();
    const incA = new DocLinter(A, undefined, index);
    const incB = new DocLinter(B, undefined, index);
    /** Both documents as the editor has them, linted from scratch with a fresh index. */
    const fresh = async () => {
      const ix = new ObjectIndex();
      const fa = new DocLinter(A, undefined, ix);
      const fb = new DocLinter(B, undefined, ix);
      await fa.lint(a.getText(), a.version, all, 'k', () => undefined);
      await fb.lint(b.getText(), b.version, all, 'k', () => undefined);
      // A again: B's objects came after its first lint
      return [rows(await fa.lint(a.getText(), a.version, all, 'k', () => undefined)), rows(await fb.lint(b.getText(), b.version, all, 'k', () => undefined))];
    };
    /** The edited document first, then the other one (same version: only its cross-object pass runs). */
    const check = async (what: string, first: DocLinter) => {
      const lintA = () => incA.lint(a.source(), a.version, all, 'k', () => undefined);
      const lintB = () => incB.lint(b.source(), b.version, all, 'k', () => undefined);
      let ra: DocResult;
      let rb: DocResult;
      if (first === incA) { ra = await lintA(); rb = await lintB(); } else { rb = await lintB(); ra = await lintA(); }
      assert.deepEqual([rows(ra), rows(rb)], await fresh(), what);
      return ra;
    };
    const edit = (doc: PieceDocument, needle: string, nth: number, from: string, to: string) => {
      const t = doc.getText();
      let i = -1;
      for (let k = 0; k <= nth; k++) i = t.indexOf(needle, i + 1);
      assert.ok(i >= 0, `no ${needle}`);
      const at = i + needle.indexOf(from);
      doc.update([{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }], doc.version + 1);
    };
    const cross = (r: DocResult, id: string) => r.findings.filter((f) => f.ruleId === id).map((f) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message]);
    const DANGLING = 'Service web: its selector matches the pods of no workload in the scanned manifests, so it has no endpoints.';

    await incB.lint(b.source(), b.version, all, 'k', () => undefined);
    let r = await check('open', incA);
    assert.deepEqual(cross(r, 'dangling-reference'), []);
    assert.deepEqual(cross(r, 'service-account-missing').map((x) => x[4]), [
      'Deployment web: ServiceAccount "web" is not among the ServiceAccounts in the scanned manifests, so its pods would be refused.',
      'Deployment api: ServiceAccount "api" is not among the ServiceAccounts in the scanned manifests, so its pods would be refused.',
    ]);

    // the Service's selector renamed: it selects no pods (its own chunk is parsed again)
    edit(a, 'selector: {app: web}', 0, 'web', 'shop');
    r = await check('selector renamed', incA);
    assert.deepEqual(cross(r, 'dangling-reference'), [[25, 2, 25, 23, DANGLING]]);
    const serviceChunk = r.chunks[1].entry;

    // the pods of another Deployment given that label: the Service (not parsed again) matches them
    const generation = index.generation;
    edit(a, 'labels: {app: api}', 0, 'api', 'shop');
    r = await check('pod labels renamed', incA);
    assert.equal(r.linted, 1);
    assert.equal(r.chunks[1].entry, serviceChunk, 'the Service chunk is reused');
    assert.ok(index.generation > generation);
    assert.deepEqual(cross(r, 'dangling-reference'), []);

    // a comment in a Deployment: no indexed object changed, so the index keeps its generation
    const g2 = index.generation;
    edit(a, '  name: web\n', 0, '  name: web\n', '  name: web # the shop\n');
    r = await check('comment', incA);
    assert.equal(index.generation, g2);
    assert.deepEqual(cross(r, 'dangling-reference'), []);

    // the labels back: the finding returns, on the Service's selector, though only the Deployment changed
    edit(a, 'labels: {app: shop}', 0, 'shop', 'api');
    r = await check('pod labels back', incA);
    assert.deepEqual(cross(r, 'dangling-reference'), [[25, 2, 25, 23, DANGLING]]);
    // a value of the Deployment no cross-object rule compares: the Service's findings stay (same cross result)
    const before = r.chunks[1].entry.cross;
    edit(a, 'privileged: false', 1, 'false', 'true');
    r = await check('privileged', incA);
    assert.equal(r.chunks[1].entry.cross?.findings, before?.findings);
    assert.deepEqual(cross(r, 'dangling-reference'), [[25, 2, 25, 23, DANGLING]]);

    // the ServiceAccount in the other file renamed to the one Deployment web names: its finding goes
    edit(b, 'name: nope', 0, 'nope', 'web');
    r = await check('account renamed in another file', incB);
    assert.deepEqual(cross(r, 'service-account-missing').map((x) => x[4]), ['Deployment api: ServiceAccount "api" is not among the ServiceAccounts in the scanned manifests, so its pods would be refused.']);
    // ...and the Service's selector back to web: both cross-object results change in one version
    edit(a, 'selector: {app: shop}', 0, 'shop', 'web');
    r = await check('selector back', incA);
    assert.deepEqual(cross(r, 'dangling-reference'), []);
  });

  it('relayout equals splitting the whole new text, for an edit next to every `---` line', () => {
    const base = '---\na: 1\n---\nb: 2\n--- x\nc: 3\n---\n';
    const inserts = ['', 'x', '\n', '-', '---\n', '\n---\n', '---'];
    for (let s = 0; s <= base.length; s++) {
      for (let e = s; e <= Math.min(base.length, s + 4); e++) {
        for (const ins of inserts) {
          const doc = new PieceDocument('file:///r.yaml', 'yaml', 1, base, 8);
          const prev = splitChunks(base).map((c) => ({ start: c.start, end: c.end, line: 0, docBase: 0, entry: { text: base.slice(c.start, c.end), lines: 0, docs: 0, findings: [], errors: [], objects: [] } }));
          doc.update([{ range: { start: doc.positionAt(s), end: doc.positionAt(e) }, text: ins }], 2);
          const got = relayout(prev, doc.changedSince(1)!, doc.source()).map((c) => [c.start, c.end, c.entry ? c.entry.text : c.text]);
          const t = doc.getText();
          assert.deepEqual(got, splitChunks(t).map((c) => [c.start, c.end, t.slice(c.start, c.end)]), JSON.stringify([s, e, ins]));
        }
      }
    }
  });

  it('PieceDocument: the changed span over several versions, the byte length and `{{` without joining the text', () => {
    const doc = new PieceDocument('file:///p.yaml', 'yaml', 1, 'a'.repeat(100) + 'é{' + '{b', 16);
    doc.update([{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 12 } }, text: 'xyz' }], 2);
    doc.update([{ range: { start: { line: 0, character: 50 }, end: { line: 0, character: 50 } }, text: 'q' }], 3);
    assert.deepEqual(doc.changedSince(1), { start: 10, oldEnd: 49, newEnd: 51 });
    assert.deepEqual(doc.changedSince(2), { start: 50, oldEnd: 50, newEnd: 51 });
    assert.deepEqual(doc.changedSince(3), { start: 0, oldEnd: 0, newEnd: 0 });
    assert.equal(doc.byteLength(), Buffer.byteLength(doc.getText()));
    assert.equal(doc.hasBraces(), true);
    assert.equal(doc.slice(95, 106), doc.getText().slice(95, 106));
    doc.update([{ text: 'new' }], 4);
    assert.equal(doc.changedSince(3), undefined);
    const pair = new PieceDocument('file:///s.yaml', 'yaml', 1, 'x'.repeat(31) + '😀' + 'y'.repeat(40), 16);
    assert.equal(pair.byteLength(), Buffer.byteLength(pair.getText()));
  });
});

describe('server: push-mode debounce follows the measured lint cost', () => {
  // constructing the server registers nothing on the connection (listen() does)
  const server = new KubehexServer({} as Connection);
  const costs = (server as unknown as { editCost: Map<string, number[]> }).editCost;
  const uri = 'file:///virtual/d.yaml';

  it('a cheap lint after a pause runs at once; faster keystrokes and dearer lints wait about one lint, capped at 150 ms', () => {
    assert.equal(server.debounce(uri, 50), 0, 'no edit measured yet');
    costs.set(uri, [3, 2.5, 40, 3, 3.5]);
    // the median of the last lints (3 ms): one slow lint does not count
    assert.equal(server.debounce(uri, 50), 0);
    assert.equal(server.debounce(uri, 1), 6, 'a keystroke 1 ms after the last one waits two lints');
    costs.set(uri, [30, 30, 30]);
    assert.equal(server.debounce(uri, 200), 30);
    assert.equal(server.debounce(uri, 20), 60);
    costs.set(uri, [400]);
    assert.equal(server.debounce(uri, 1000), 150);
  });

  it('a keystroke that finds no lint of the document waiting or running is linted at once, whatever the lint costs', () => {
    costs.set(uri, [30, 30, 30]);
    assert.equal(server.debounce(uri, 200, false), 0);
    assert.equal(server.debounce(uri, 20, false), 0, 'the last diagnostics are out: nothing to coalesce');
    assert.equal(server.debounce(uri, 20, true), 60, 'a lint is still under way: a burst, which waits');
    costs.set(uri, [400]);
    assert.equal(server.debounce(uri, 1, false), 0);
    assert.equal(server.debounce(uri, 1, true), 150);
  });
});
