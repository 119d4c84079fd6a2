import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, uriOf } from './lsp-client';
import { PRIV_DEPLOY, TEST_RULES, codes, podDoc, removeDir, startClient, tempDir, testSettings } from './helpers';

describe('server: settings, .kubehex.yaml and workspace trust', function () {
  let dir: string;
  const clients: LspClient[] = [];
  const start = async (opts: Parameters<typeof startClient>[0]) => { const c = await startClient(opts); clients.push(c); return c; };
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { for (const c of clients.splice(0)) c.kill(); removeDir(dir); });

  it('applies severity overrides from the settings (hint included) and `enable: false`', async () => {
    const c = await start({ settings: { severity: { 'privileged-container': 'warning', 'duplicate-key': 'hint' } } });
    const uri = 'file:///virtual/sev.yaml';
    let since = c.mark();
    c.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers:\n    - name: x\n      image: busybox\n      securityContext: {privileged: true}\n');
    const diags = await c.diagnostics(uri, 1, since);
    assert.deepEqual(diags.map((d) => [d.code, d.severity]).sort(), [['duplicate-key', 4], ['privileged-container', 2]]);

    c.settings = { kubehex: testSettings({ enable: false }) };
    since = c.mark();
    c.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);
  });

  it('uses the nearest .kubehex.yaml, re-lints open documents when it changes, and reports its errors on it', async () => {
    mkdirSync(join(dir, 'apps', 'web'), { recursive: true });
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  privileged-container: off\n');
    const file = join(dir, 'apps', 'web', 'deploy.yaml');
    writeFileSync(file, PRIV_DEPLOY);
    const c = await start({ root: dir });
    const uri = uriOf(file);
    let since = c.mark();
    c.open(uri, PRIV_DEPLOY);
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);

    // a nearer config turns the rule back on, at warning
    writeFileSync(join(dir, 'apps', '.kubehex.yaml'), 'rules:\n  privileged-container: warning\n');
    since = c.mark();
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, 'apps', '.kubehex.yaml')), type: 1 }] });
    const d2 = await c.diagnostics(uri, 1, since);
    assert.deepEqual(d2.map((d) => [d.code, d.severity]), [['privileged-container', 2]]);

    // a broken config: the error is shown on the config file, the manifest falls back to the built-in profile
    writeFileSync(join(dir, 'apps', '.kubehex.yaml'), 'rules:\n  privileged-container: loud\n');
    since = c.mark();
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, 'apps', '.kubehex.yaml')), type: 2 }] });
    const cfgDiags = await c.diagnostics(uriOf(join(dir, 'apps', '.kubehex.yaml')), undefined, since);
    assert.equal(cfgDiags.length, 1);
    assert.equal(cfgDiags[0].code, 'config');
    assert.match(cfgDiags[0].message, /^rules\.privileged-container: expected one of "off", "error", "warning", "info", "on"/);
    assert.deepEqual(cfgDiags[0].range.start, { line: 1, character: 2 });
    const d3 = await c.diagnostics(uri, 1, since);
    assert.deepEqual(d3.map((d) => [d.code, d.severity]), [['privileged-container', 1]]);
  });

  it('an open .kubehex.yaml is validated as you type and its edits re-lint open manifests', async () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, podDoc('p', true));
    const c = await start({ root: dir });
    const uri = uriOf(file);
    const cfgUri = uriOf(join(dir, '.kubehex.yaml'));
    let since = c.mark();
    c.open(uri, podDoc('p', true));
    assert.deepEqual(codes(await c.diagnostics(uri, 1, since)), ['privileged-container']);
    since = c.mark();
    c.open(cfgUri, 'profile: all\nrules:\n  privileged-container: off\n');
    assert.deepEqual(await c.diagnostics(cfgUri, 1, since), []);
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);
    since = c.mark();
    c.change(cfgUri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } }, text: 'profile: strict' }]);
    const cfg = await c.diagnostics(cfgUri, 2, since);
    assert.equal(cfg[0].code, 'config');
    assert.match(cfg[0].message, /^profile: expected one of "recommended", "pss-baseline", "pss-restricted", "all"/);
  });

  it('ignores the workspace .kubehex.yaml and rule settings when the workspace is not trusted, until trust is granted', async () => {
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  privileged-container: off\n');
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, podDoc('p', true));
    const c = await start({ root: dir, initializationOptions: { isTrusted: false }, settings: { severity: { 'privileged-container': 'info' } } });
    const uri = uriOf(file);
    let since = c.mark();
    c.open(uri, podDoc('p', true));
    // untrusted: the settings cannot switch the other rules off either, so look at the test rules only
    const d1 = (await c.diagnostics(uri, 1, since)).filter((d) => TEST_RULES.includes(d.code));
    assert.deepEqual(d1.map((d) => [d.code, d.severity]), [['privileged-container', 1]]);
    since = c.mark();
    c.notify('kubehex/setTrusted', { isTrusted: true });
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);
  });

  it('skips files the .kubehex.yaml `ignore` globs name, relative to the config file', async () => {
    mkdirSync(join(dir, 'generated'), { recursive: true });
    writeFileSync(join(dir, '.kubehex.yaml'), 'ignore:\n  - generated/**\n');
    const c = await start({ root: dir });
    const ignored = uriOf(join(dir, 'generated', 'pod.yaml'));
    const linted = uriOf(join(dir, 'pod.yaml'));
    const since = c.mark();
    c.open(ignored, podDoc('p', true));
    c.open(linted, podDoc('p', true));
    assert.deepEqual(codes(await c.diagnostics(linted, 1, since)), ['privileged-container']);
    assert.deepEqual(await c.diagnostics(ignored, 1, since), []);
  });

  it('lints files in templates/ below a Chart.yaml through the chart render, not alone', async () => {
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    const file = join(dir, 'chart', 'templates', 'pod.yaml');
    const c = await start({ root: dir });
    const since = c.mark();
    c.open(uriOf(file), podDoc('p', true));
    c.open(uriOf(join(dir, 'pod.yaml')), podDoc('p', true));
    assert.deepEqual(codes(await c.diagnostics(uriOf(join(dir, 'pod.yaml')), 1, since)), ['privileged-container']);
    const diags = await c.diagnostics(uriOf(file), 1, since);
    assert.deepEqual(codes(diags), ['privileged-container']);
    assert.equal(diags[0].data.rendered, join(dir, 'chart'));
    assert.deepEqual(diags[0].data.path, ['spec', 'containers', 0, 'securityContext', 'privileged']);
  });

  it('with run: onSave in pull mode, pulls keep the saved result until the save, then ask for a refresh', async () => {
    const c = await start({ pull: true, settings: { run: 'onSave' } });
    const uri = 'file:///virtual/onsave-pull.yaml';
    c.open(uri, podDoc('p', false));
    const r1 = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(r1.items, []);
    c.change(uri, 2, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } }, text: 'true' }]);
    const r2 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.deepEqual(r2, { kind: 'unchanged', resultId: r1.resultId });
    const since = c.mark();
    c.notify('textDocument/didSave', { textDocument: { uri } });
    await c.waitFor((m) => m.method === 'workspace/diagnostic/refresh', since, 'diagnostic refresh');
    const r3 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.deepEqual(r3.items.map((d: any) => [d.code, d.range.start.line]), [['privileged-container', 9]]);
  });

  it('with run: onSave, edits are linted when the document is saved', async () => {
    const c = await start({ settings: { run: 'onSave' } });
    const uri = 'file:///virtual/onsave.yaml';
    let since = c.mark();
    c.open(uri, podDoc('p', false));
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);
    c.change(uri, 2, [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } }, text: 'true' }]);
    since = c.mark();
    c.notify('textDocument/didSave', { textDocument: { uri } });
    const d = await c.diagnostics(uri, 2, since);
    assert.deepEqual(codes(d), ['privileged-container']);
    assert.ok(!c.log.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 2 && c.log.indexOf(m) < since), 'nothing published for the edit before the save');
  });
});
