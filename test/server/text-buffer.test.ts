import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceDocument } from '../../server/text-buffer';
import { rng } from '../random';

const BITS = ['a', 'bc', ' ', 'key: value', '\n', '\r\n', '\r', '---\n', '😀', 'é'];

function randomText(r: ReturnType<typeof rng>, max: number): string {
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) s += r.pick(BITS);
  return s;
}

/** What an edit means: offsets from a library document opened on the current text (the specification). */
function applyChange(text: string, change: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }): string {
  if (!change.range) return change.text;
  const fresh = TextDocument.create('file:///ref.yaml', 'yaml', 0, text);
  let { start, end } = change.range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
  return text.slice(0, fresh.offsetAt(start)) + change.text + text.slice(fresh.offsetAt(end));
}

/**
 * Text, lines and positions equal those of a library document opened on the expected text (the library's own
 * incremental update can miscount lines around a lone `\r`, so it is not the reference for edits).
 */
function same(piece: PieceDocument, text: string, r: ReturnType<typeof rng>, where: string): void {
  assert.equal(piece.getText(), text, where);
  const ref = TextDocument.create('file:///ref.yaml', 'yaml', 0, text);
  assert.equal(piece.lineCount, ref.lineCount, where);
  const offsets = text.length < 200 ? Array.from({ length: text.length + 3 }, (_, i) => i - 1) : Array.from({ length: 60 }, () => r.int(text.length + 2));
  for (const o of offsets) assert.deepEqual(piece.positionAt(o), ref.positionAt(o), `${where}: positionAt(${o})`);
  for (let i = 0; i < 40; i++) {
    const p = { line: r.int(ref.lineCount + 2) - (r.chance(0.05) ? 2 : 0), character: r.int(12) - (r.chance(0.05) ? 3 : 0) };
    assert.equal(piece.offsetAt(p), ref.offsetAt(p), `${where}: offsetAt(${JSON.stringify(p)})`);
  }
  for (let line = -1; line <= ref.lineCount; line++) {
    assert.deepEqual(piece.getLineRange(line), ref.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(piece.getEOLCharacters(line), ref.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
}

describe('server: open documents as piece lists (issue 14: no 4 MB copy per keystroke)', () => {
  it('agrees with vscode-languageserver-textdocument on text, lines and positions under random edits (seeded)', () => {
    // small pieces: edits across pieces; large ones: edits inside one piece, whose line ends are patched
    for (const size of [8, 64, 4096]) for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed);
      let text = randomText(r, 120);
      const piece = new PieceDocument('file:///x.yaml', 'yaml', 1, text, size);
      same(piece, text, r, `seed ${seed} open`);
      for (let v = 2; v < 40; v++) {
        const changes = Array.from({ length: 1 + r.int(3) }, () => {
          if (r.chance(0.03)) return { text: randomText(r, 60) };
          const lines = TextDocument.create('file:///ref.yaml', 'yaml', 0, text).lineCount;
          const pos = () => ({ line: r.int(lines + 1), character: r.int(15) });
          return { range: { start: pos(), end: pos() }, text: r.chance(0.4) ? '' : randomText(r, 8) };
        });
        for (const c of changes) text = applyChange(text, c);
        piece.update(changes, v);
        assert.equal(piece.version, v);
        same(piece, text, r, `size ${size} seed ${seed} v${v} after ${JSON.stringify(changes)}`);
      }
    }
  });

  it('an edit rewrites a piece, not the text: 300 keystrokes into a 1 MB document join it only when asked', () => {
    const line = 'metadata: {name: x}   # padding padding padding padding\n';
    const lines = Array.from({ length: Math.ceil(1_000_000 / line.length) }, () => line.slice(0, -1));
    const doc = new PieceDocument('file:///big.yaml', 'yaml', 1, lines.join('\n') + '\n');
    for (let v = 2; v < 302; v++) {
      const at = { line: 100 + v, character: 10 };
      doc.update([{ range: { start: at, end: at }, text: 'y' }], v);
      lines[100 + v] = lines[100 + v].slice(0, 10) + 'y' + lines[100 + v].slice(10);
    }
    const ref = TextDocument.create('file:///big.yaml', 'yaml', 301, lines.join('\n') + '\n');
    const text = doc.getText();
    assert.equal(text, ref.getText());
    assert.equal(doc.getText(), text, 'joined once, kept until the next edit');
    assert.deepEqual(doc.positionAt(text.length - 1), ref.positionAt(text.length - 1));
  });
});
