import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fuzzCases, rangeInside } from '../fuzz-mutate';
import { LspClient } from './lsp-client';

/** The edit an editor would send to turn `before` into `after`: one incremental change, in `before`'s positions. */
function change(before: string, after: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before[s] === after[s]) s++;
  let e = 0;
  while (e < max - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  const doc = TextDocument.create('file:///x', 'yaml', 0, before);
  return { range: { start: doc.positionAt(s), end: doc.positionAt(before.length - e) }, text: after.slice(s, after.length - e) };
}

describe('server: seeded fuzz through incremental edits (truncation, byte flips, duplicated lines, tabs, lost indentation, aliases)', () => {
  let c: LspClient;
  before(async () => {
    c = new LspClient();
    c.settings = { kubehex: { profile: 'all' } };
    await c.initialize({ pull: true });
  });
  after(() => c.kill());

  it('answers every pull and code action, with ranges inside the text, and ends where a fresh open of the text ends', async () => {
    const uri = 'file:///virtual/fuzz.yaml';
    const cases = fuzzCases(27, 30);
    let text = cases[0];
    c.open(uri, text, 1);
    for (let v = 2; v <= cases.length; v++) {
      const next = cases[v - 1];
      c.change(uri, v, [change(text, next)]);
      text = next;
      const where = `version ${v}:\n${text}`;
      const report = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      for (const d of report.items) assert.ok(rangeInside(text, d.range), `${where}\n${JSON.stringify(d)}`);
      assert.ok(!report.items.some((d: any) => d.code === 'kubehex-internal'), `${where}\n${JSON.stringify(report.items)}`);
      if (v % 4 === 0 && report.items.length) {
        const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } }, context: { diagnostics: report.items.slice(0, 3) } });
        for (const a of actions) for (const e of a.edit?.changes?.[uri] ?? []) assert.ok(rangeInside(text, e.range), `${where}\n${a.title}: ${JSON.stringify(e.range)}`);
      }
    }
    // the piece list the edits built holds the same text as a document opened on it
    const fresh = 'file:///virtual/fresh.yaml';
    c.open(fresh, text, 1);
    const [a, b] = await Promise.all([uri, fresh].map((u) => c.request('textDocument/diagnostic', { textDocument: { uri: u } })));
    const strip = (items: any[]) => items.map((d) => ({ ...d, data: d.data && { ...d.data, uri: undefined, version: undefined } }));
    assert.deepEqual(strip(a.items), strip(b.items));
  });
});
