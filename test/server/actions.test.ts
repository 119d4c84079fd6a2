import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, applyLspEdits, editsOf } from './lsp-client';
import { PRIV_DEPLOY, podDoc, rangeTuple, startClient } from './helpers';
import { rules } from '../../rules';
import { SECURITY_FIELDS } from '../../server/fields';

/** Sends the whole edited text as an incremental change covering the old text. */
function replaceAll(c: LspClient, uri: string, version: number, before: string, after: string) {
  const lines = before.split('\n');
  c.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, text: after }]);
}

const TWO_CONTAINERS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.0
          securityContext: {privileged: true}
        - name: sidecar
          image: proxy:2.0 # keep this comment
          securityContext:
            privileged: yes
---
${podDoc('other', true)}`;

describe('server: code actions', function () {
  let c: LspClient;
  before(async () => { c = await startClient(); });
  after(() => c.kill());

  it('offers the rule quick fix first and preferred; applying it changes one line and the finding goes away', async () => {
    const uri = 'file:///virtual/fix.yaml';
    let since = c.mark();
    c.open(uri, PRIV_DEPLOY, 1);
    const [d] = await c.diagnostics(uri, 1, since);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions[0].title, 'Set privileged: false');
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions.map((a: any) => a.title), ['Set privileged: false', 'Disable privileged-container for this line', 'Harden Deployment web (apply 1 fix)']);
    const edits = editsOf(actions[0], uri);
    assert.deepEqual(edits, [{ range: { start: { line: 11, character: 24 }, end: { line: 11, character: 28 } }, newText: 'false' }]);
    const fixed = applyLspEdits(PRIV_DEPLOY, edits);
    assert.equal(fixed, PRIV_DEPLOY.replace('privileged: true', 'privileged: false'));
    since = c.mark();
    c.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(await c.diagnostics(uri, 2, since), []);
  });

  it('finds the finding by rule id and range when the client drops `data`', async () => {
    const uri = 'file:///virtual/nodata.yaml';
    const since = c.mark();
    c.open(uri, PRIV_DEPLOY, 1);
    const [d] = await c.diagnostics(uri, 1, since);
    const bare = { range: d.range, code: d.code, message: d.message, severity: d.severity, source: d.source };
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [bare], only: ['quickfix'] } });
    assert.equal(actions[0].title, 'Set privileged: false');
  });

  it('inserts a disable comment above the line, at its indentation (a `- ` becomes spaces)', async () => {
    const uri = 'file:///virtual/disable.yaml';
    // a finding on a `- name:` line: flow securityContext on the item's first line
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - {name: a, image: busybox, securityContext: {privileged: true}}\n';
    let since = c.mark();
    c.open(uri, text, 1);
    const [d] = await c.diagnostics(uri, 1, since);
    assert.deepEqual(rangeTuple(d.range), [6, 50, 6, 66]);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const disable = actions.find((a: any) => a.title === 'Disable privileged-container for this line');
    const edits = editsOf(disable, uri);
    assert.deepEqual(edits, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '      # kubehex-disable-next-line privileged-container\n' }]);
    const after = applyLspEdits(text, edits);
    since = c.mark();
    c.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(await c.diagnostics(uri, 2, since), []);
    assert.ok(after.includes('      # kubehex-disable-next-line privileged-container\n    - {name: a'));
  });

  it('source.fixAll.kubehex applies every safe fix as one minimal edit', async () => {
    const uri = 'file:///virtual/fixall.yaml';
    let since = c.mark();
    c.open(uri, TWO_CONTAINERS, 1);
    const diags = await c.diagnostics(uri, 1, since);
    assert.equal(diags.length, 3);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.kubehex'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.kubehex');
    const edits = editsOf(actions[0], uri);
    assert.equal(edits.length, 1);
    // the edit spans from the first change to the last, nothing more
    assert.deepEqual(edits[0].range.start, { line: 10, character: 40 });
    assert.deepEqual(edits[0].range.end, { line: 25, character: 23 }); // `true` -> `false` keeps the shared final `e`
    const fixed = applyLspEdits(TWO_CONTAINERS, edits);
    assert.equal(fixed, TWO_CONTAINERS.replace('{privileged: true}', '{privileged: false}').replace('privileged: yes', 'privileged: false').replace(/privileged: true\n$/, 'privileged: false\n'));
    since = c.mark();
    replaceAll(c, uri, 2, TWO_CONTAINERS, fixed);
    assert.deepEqual(await c.diagnostics(uri, 2, since), []);
  });

  it('"Harden this workload" fixes every finding of one object in one edit and leaves other objects alone', async () => {
    const uri = 'file:///virtual/harden.yaml';
    const since = c.mark();
    c.open(uri, TWO_CONTAINERS, 1);
    const diags = await c.diagnostics(uri, 1, since);
    const first = diags.find((d: any) => d.range.start.line === 10);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } });
    const harden = actions.find((a: any) => a.kind === 'refactor.rewrite');
    assert.equal(harden.title, 'Harden Deployment api (apply 2 fixes)');
    const edits = editsOf(harden, uri);
    assert.equal(edits.length, 1);
    const fixed = applyLspEdits(TWO_CONTAINERS, edits);
    assert.equal(fixed, TWO_CONTAINERS.replace('{privileged: true}', '{privileged: false}').replace('privileged: yes', 'privileged: false'));
    assert.deepEqual(edits[0].range, { start: { line: 10, character: 40 }, end: { line: 14, character: 27 } });
  });

  it('hover on a finding explains the rule with 6C category, hexad goals, recipe and link', async () => {
    const uri = 'file:///virtual/hover.yaml';
    const since = c.mark();
    c.open(uri, PRIV_DEPLOY, 1);
    await c.diagnostics(uri, 1, since);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 15 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.deepEqual(rangeTuple(h.range), [11, 12, 11, 28]);
    const md: string = h.contents.value;
    assert.match(md, /\*\*Container runs privileged\*\* `privileged-container`/);
    assert.match(md, /container "app" runs privileged/);
    assert.match(md, /6C category: \*\*container\*\*/);
    assert.match(md, /Hexad goals at risk: possession, integrity, confidentiality/);
    assert.match(md, /\*\*Fix:\*\* Set `securityContext.privileged: false`/);
    assert.ok(md.endsWith(`\n\n[Rule documentation](${pathToFileURL(join(__dirname, '..', '..', '..', 'rules', 'privileged-container', 'README.md')).href})`), md);
  });

  it('hover on a security-relevant key without a finding explains the field', async () => {
    const uri = 'file:///virtual/hover-key.yaml';
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: false\n  containers:\n    - name: a\n      image: busybox\n';
    const since = c.mark();
    c.open(uri, text, 1);
    await c.diagnostics(uri, 1, since);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 5 } });
    assert.deepEqual(rangeTuple(h.range), [5, 2, 5, 13]);
    assert.match(h.contents.value, /^\*\*`hostNetwork`\*\*/);
    assert.match(h.contents.value, /node's network namespace/);
    assert.match(h.contents.value, /\*\*Risk:\*\*/);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 8 } }), null);
  });

  it('hover on hostPath names every rule that judges a host path: any path, sensitive paths, runtime sockets', async () => {
    const uri = 'file:///virtual/hover-hostpath.yaml';
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: busybox\n  volumes:\n    - name: data\n      hostPath:\n        path: /srv/data\n';
    const since = c.mark();
    c.open(uri, text, 1);
    await c.diagnostics(uri, 1, since);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 9 } });
    assert.deepEqual(rangeTuple(h.range), [10, 6, 10, 14]);
    const md: string = h.contents.value;
    assert.match(md, /^\*\*`hostPath`\*\*/);
    assert.deepEqual([...md.matchAll(/\*\*Rule `([a-z-]+)`\*\*/g)].map((m) => m[1]), ['host-path-volume', 'sensitive-host-mount', 'docker-socket-mount']);
  });

  it('every rule a security field\'s hover names is a rule that exists (a renamed rule would vanish from the hover silently)', () => {
    const known = new Set(rules.map((r) => r.meta.id));
    const missing = Object.entries(SECURITY_FIELDS).flatMap(([key, f]) => f.rules.filter((id) => !known.has(id)).map((id) => `${key}: ${id}`));
    assert.deepEqual(missing, []);
  });
});
