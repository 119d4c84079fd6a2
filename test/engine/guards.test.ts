import * as assert from 'node:assert/strict';
import { checkText, findExcessNesting } from '../../engine/guards';
import { LineIndex } from '../../engine/text';
import { rng } from '../random';

/** The char-by-char scan findExcessNesting replaced (the reference its answers must equal). */
function nestingByChar(text: string, max: number): number {
  let depth = 0;
  const n = text.length;
  let lineStart = true;
  let dashes = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { lineStart = true; dashes = 0; continue; }
    if (lineStart) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) depth = 0;
      if (c === 45 || c === 63) {
        const nx = text.charCodeAt(i + 1);
        if (nx === 32 || nx === 9) {
          if (++dashes > max) return i;
          continue;
        }
      }
      if (c !== 32 && c !== 9) lineStart = false;
    }
    if (c === 91 || c === 123) { if (++depth > max) return i; }
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

describe('text guards', () => {
  it('finds excess nesting where the char-by-char scan does (seeded texts of brackets, indicators, keys)', () => {
    const pieces = ['[', ']', '{', '}', '- ', '-\t', '? ', '-', '?', ' ', '\t', '\n', '\r\n', 'a', 'Z', 'k: ', '"', '#', '0', '[[', ']]', '{{ x }}', '\n- - '];
    let found = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      let text = '';
      for (let i = r.int(60); i >= 0; i--) text += r.pick(pieces);
      for (const max of [1, 2, 3, 5]) {
        const want = nestingByChar(text, max);
        if (want !== -1) found++;
        assert.equal(findExcessNesting(text, max), want, `${JSON.stringify(text)} max ${max}`);
        assert.equal(findExcessNesting(text, max, new LineIndex(text).lineStartOffsets()), want, `${JSON.stringify(text)} max ${max}, line starts given`);
      }
    }
    assert.ok(found > 1000, `${found} texts over the limit`);
  });

  it('reports the first bracket or indicator past the limit', () => {
    assert.equal(findExcessNesting('a: [[[x]]]\n', 2), 5);
    assert.equal(findExcessNesting('a: [[x]]\nb: [[x]]\n', 2), -1);
    assert.equal(findExcessNesting('a: [[\n  [x]]]\n', 2), 8);
    assert.equal(findExcessNesting('a: [[\nb: [x]\n', 2), -1); // a key first on its line resets the count
    assert.equal(findExcessNesting('- - - x\n', 2), 4);
    assert.equal(findExcessNesting('- - x\n- - y\n', 2), -1);
    assert.equal(findExcessNesting('x: "a - - -"\n', 1), -1);
  });

  it('names control characters, but not tabs, line breaks or C1 characters', () => {
    assert.equal(checkText('a: "\t\r\n\u0085\u00a0\ufffd\ud800"\n'), undefined);
    for (const c of ['\u0000', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f', '\ufffe', '\uffff']) {
      const got = checkText(`a: 1\nb: x${c}\n`);
      assert.equal(got?.code, 'binary');
      assert.equal(got?.message, `not a YAML text file: control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at line 2`);
      assert.deepEqual(got?.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } });
    }
  });
});
