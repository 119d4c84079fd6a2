import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, LspError } from './lsp-client';
import { PRIV_DEPLOY, codes, podDoc, rangeTuple, startClient, testSettings } from './helpers';

const URI = 'file:///virtual/deploy.yaml';

describe('server: diagnostics (push)', function () {
  let c: LspClient;
  before(async () => { c = await startClient(); });
  after(() => c.kill());

  it('reports privileged-container on the `privileged: true` pair with the documented fields', async () => {
    const since = c.mark();
    c.open(URI, PRIV_DEPLOY, 1);
    const diags = await c.diagnostics(URI, 1, since);
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.deepEqual(rangeTuple(d.range), [11, 12, 11, 28]);
    assert.equal(d.code, 'privileged-container');
    assert.equal(d.source, 'kubehex');
    assert.equal(d.severity, 1);
    // the rule page bundled with kubehex (the .vsix ships rules/<id>/README.md): opens offline
    assert.equal(d.codeDescription.href, pathToFileURL(join(__dirname, '..', '..', '..', 'rules', 'privileged-container', 'README.md')).href);
    assert.deepEqual(d.data, { uri: URI, version: 1, ruleId: 'privileged-container', docIndex: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'], fixable: true });
    assert.match(d.message, /Deployment web: container "app" runs privileged/);
  });

  it('re-lints after an incremental change and clears the finding', async () => {
    const since = c.mark();
    c.change(URI, 2, [{ range: { start: { line: 11, character: 24 }, end: { line: 11, character: 28 } }, text: 'false' }]);
    assert.deepEqual(await c.diagnostics(URI, 2, since), []);
  });

  it('reports duplicate keys at the key Kubernetes keeps', async () => {
    const uri = 'file:///virtual/dup.yaml';
    const since = c.mark();
    c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers:\n    - name: x\n      image: busybox:1.36\n');
    const diags = await c.diagnostics(uri, 1, since);
    assert.deepEqual(diags.map((d) => [d.code, rangeTuple(d.range)]), [['duplicate-key', [4, 2, 4, 9]]]);
  });

  it('reports YAML syntax errors in Kubernetes documents as yaml-syntax, and nothing for other YAML', async () => {
    const uri = 'file:///virtual/broken.yaml';
    const since = c.mark();
    c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\nspec: {}\n---\nnot: kubernetes\nlist: [1, 2\n');
    const diags = await c.diagnostics(uri, 1, since);
    assert.ok(diags.length >= 1);
    for (const d of diags) {
      assert.equal(d.code, 'yaml-syntax');
      assert.equal(d.severity, 1);
      assert.ok(d.range.start.line < 5, `error on line ${d.range.start.line} belongs to the first document`);
    }
  });

  it('gives the guard message for binary content', async () => {
    const uri = 'file:///virtual/binary.yaml';
    const since = c.mark();
    c.open(uri, podDoc('a', false) + '---\n' + 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\u0001\n');
    const diags = await c.diagnostics(uri, 1, since);
    assert.deepEqual(diags.map((d) => [d.code, d.message, rangeTuple(d.range)]), [['yaml-syntax', 'not a YAML text file: control character U+0001 at line 15', [14, 9, 14, 10]]]);
  });

  it('gives the guard message for a nesting bomb', async () => {
    const uri = 'file:///virtual/bomb.yaml';
    const since = c.mark();
    c.open(uri, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ' + '['.repeat(300) + ']'.repeat(300) + '\n');
    const diags = await c.diagnostics(uri, 1, since);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'yaml-syntax');
    assert.match(diags[0].message, /^nesting deeper than 256 levels at line 4; refusing to parse/);
  });

  it('lints nothing in YAML without apiVersion and kind, and skips Helm templates silently', async () => {
    const plain = 'file:///virtual/compose.yaml';
    const tpl = 'file:///virtual/tpl.yaml';
    const since = c.mark();
    c.open(plain, 'services:\n  web:\n    privileged: true\n');
    c.open(tpl, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: a\n      image: busybox\n      securityContext:\n{{ toYaml .Values.sc | indent 8 }}\n        privileged: true\n');
    assert.deepEqual(await c.diagnostics(plain, 1, since), []);
    assert.deepEqual(await c.diagnostics(tpl, 1, since), []);
  });

  it('only ever publishes the diagnostics of the version they were computed for (edit storm)', async () => {
    const uri = 'file:///virtual/storm.yaml';
    const since = c.mark();
    const doc = (n: number) => podDoc('storm', n % 2 === 1);
    c.open(uri, doc(1), 1);
    await c.diagnostics(uri, 1, since);
    // 40 edits back to back; odd versions are privileged, even ones are not
    const line = 9;
    for (let v = 2; v <= 41; v++) {
      const priv = v % 2 === 1;
      c.change(uri, v, [{ range: { start: { line, character: 20 }, end: { line, character: priv ? 25 : 24 } }, text: priv ? 'true' : 'false' }]);
    }
    const last = await c.diagnostics(uri, 41, since);
    assert.deepEqual(codes(last), ['privileged-container']);
    // a round trip after the last publication: anything stale would have been sent by now
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const pubs = c.log.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    const versions = pubs.map((m) => m.params.version as number);
    assert.equal(versions[versions.length - 1], 41, `last published version: ${versions}`);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `versions out of order: ${versions}`);
    for (const m of pubs) assert.equal(m.params.diagnostics.length, m.params.version % 2 === 1 ? 1 : 0, `v${m.params.version} diagnostics match its own text`);
    assert.ok(pubs.length < 20, `storm was debounced (${pubs.length} publications for 41 versions)`);
  });

  it('ignores documents that are too large, with one info diagnostic', async () => {
    const small = await startClient({ settings: { maxFileSize: 200 } });
    try {
      const uri = 'file:///virtual/large.yaml';
      const since = small.mark();
      small.open(uri, PRIV_DEPLOY + '# padding '.repeat(20) + '\n');
      const diags = await small.diagnostics(uri, 1, since);
      assert.equal(diags.length, 1);
      assert.equal(diags[0].code, 'file-too-large');
      assert.equal(diags[0].severity, 3);
      assert.deepEqual(rangeTuple(diags[0].range), [0, 0, 0, 0]);
    } finally { small.kill(); }
  });

  it('shuts down and exits with code 0', async () => {
    const d = new LspClient();
    d.settings = { kubehex: testSettings() };
    await d.initialize();
    assert.equal(await d.shutdown(), 0);
  });
});

describe('server: diagnostics (pull)', function () {
  let c: LspClient;
  let init: any;
  before(async () => {
    c = new LspClient();
    c.settings = { kubehex: testSettings() };
    init = await c.initialize({ pull: true });
  });
  after(() => c.kill());

  it('offers a diagnostic provider and pushes nothing', async () => {
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'kubehex', interFileDependencies: true, workspaceDiagnostics: false });
    assert.equal(init.capabilities.textDocumentSync.change, 2);
  });

  it('answers textDocument/diagnostic, then `unchanged` for the same result id', async () => {
    const uri = 'file:///virtual/pull.yaml';
    c.open(uri, PRIV_DEPLOY, 1);
    const r1 = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(r1.kind, 'full');
    assert.deepEqual(r1.items.map((d: any) => [d.code, rangeTuple(d.range)]), [['privileged-container', [11, 12, 11, 28]]]);
    const r2 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.deepEqual(r2, { kind: 'unchanged', resultId: r1.resultId });
    c.change(uri, 2, [{ range: { start: { line: 11, character: 24 }, end: { line: 11, character: 28 } }, text: 'false' }]);
    const r3 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.equal(r3.kind, 'full');
    assert.deepEqual(r3.items, []);
    assert.ok(!c.log.some((m) => m.method === 'textDocument/publishDiagnostics'), 'pull mode never pushes for open documents');
  });

  it('asks the client to pull again when settings change, and the new pull applies them', async () => {
    const uri = 'file:///virtual/refresh.yaml';
    c.open(uri, PRIV_DEPLOY, 1);
    const before = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(before.items[0].severity, 1);
    c.settings = { kubehex: testSettings({ severity: { 'privileged-container': 'warning' } }) };
    const since = c.mark();
    c.notify('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor((m) => m.method === 'workspace/diagnostic/refresh', since, 'diagnostic refresh');
    const after = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: before.resultId });
    assert.equal(after.kind, 'full');
    assert.deepEqual(after.items.map((d: any) => [d.code, d.severity]), [['privileged-container', 2]]);
    c.settings = { kubehex: testSettings() };
  });

  it('cancels superseded work: a client cancel gives RequestCancelled, a newer version ServerCancelled with retrigger', async () => {
    const uri = 'file:///virtual/big.yaml';
    const docs: string[] = [];
    for (let i = 0; i < 600; i++) docs.push(podDoc(`p${i}`, i % 7 === 0));
    const text = docs.join('---\n');
    c.open(uri, text, 1);
    let id = 0;
    const cancelled = c.request('textDocument/diagnostic', { textDocument: { uri } }, (x) => { id = x; });
    c.notify('$/cancelRequest', { id });
    await assert.rejects(cancelled, (e: LspError) => e.code === -32800);

    const changed = c.request('textDocument/diagnostic', { textDocument: { uri } });
    c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await assert.rejects(changed, (e: LspError) => e.code === -32802 && e.data?.retriggerRequest === true);

    const full = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(full.items.length, Math.ceil(600 / 7));
    assert.equal(full.items[0].range.start.line, 10, 'first finding shifted by the inserted line');
  });
});
