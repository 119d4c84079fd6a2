import * as assert from 'node:assert/strict';
import { LspClient } from './lsp-client';
import { podDoc, rangeTuple, startClient } from './helpers';

describe('server: per-document cache', function () {
  let c: LspClient;
  before(async () => { c = await startClient(); });
  after(() => c.kill());

  const text = ['# leading comment\n', podDoc('a', true), '---\n', podDoc('b', true), '--- # marker with a comment\n', podDoc('c', true)].join('');

  it('re-lints only the changed YAML document and shifts the others', async () => {
    const uri = 'file:///virtual/multi.yaml';
    let since = c.mark();
    c.open(uri, text, 1);
    const d1 = await c.diagnostics(uri, 1, since);
    assert.deepEqual(d1.map((d) => [d.data.docIndex, rangeTuple(d.range)]), [[0, [10, 8, 10, 24]], [1, [21, 8, 21, 24]], [2, [32, 8, 32, 24]]]);
    assert.deepEqual(await c.request('kubehex/documentStats', { uri }), { version: 1, chunks: 3, linted: 3, findings: 3 });

    // two lines into document a: b and c keep their cached results, shifted by two lines
    since = c.mark();
    c.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '  labels:\n    app: a\n' }]);
    const d2 = await c.diagnostics(uri, 2, since);
    assert.deepEqual(d2.map((d) => [d.data.docIndex, d.data.version, rangeTuple(d.range)]), [[0, 2, [12, 8, 12, 24]], [1, 2, [23, 8, 23, 24]], [2, 2, [34, 8, 34, 24]]]);
    assert.deepEqual(await c.request('kubehex/documentStats', { uri }), { version: 2, chunks: 3, linted: 1, findings: 3 });

    // fix document b only: a and c come from the cache
    since = c.mark();
    c.change(uri, 3, [{ range: { start: { line: 23, character: 20 }, end: { line: 23, character: 24 } }, text: 'false' }]);
    const d3 = await c.diagnostics(uri, 3, since);
    assert.deepEqual(d3.map((d) => [d.data.docIndex, rangeTuple(d.range)]), [[0, [12, 8, 12, 24]], [2, [34, 8, 34, 24]]]);
    assert.deepEqual(await c.request('kubehex/documentStats', { uri }), { version: 3, chunks: 3, linted: 1, findings: 2 });

    // a new document in between: c's docIndex and lines move, and its code action still finds it
    since = c.mark();
    c.change(uri, 4, [{ range: { start: { line: 24, character: 0 }, end: { line: 24, character: 0 } }, text: '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n' }]);
    const d4 = await c.diagnostics(uri, 4, since);
    assert.deepEqual(d4.map((d) => [d.data.docIndex, rangeTuple(d.range)]), [[0, [12, 8, 12, 24]], [3, [38, 8, 38, 24]]]);
    assert.deepEqual(await c.request('kubehex/documentStats', { uri }), { version: 4, chunks: 4, linted: 1, findings: 2 });
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d4[1].range, context: { diagnostics: [d4[1]], only: ['quickfix'] } });
    assert.deepEqual(actions[0].edit.changes[uri], [{ range: { start: { line: 38, character: 20 }, end: { line: 38, character: 24 } }, newText: 'false' }]);
  });
});
