import * as assert from 'node:assert/strict';
import { splitManifests } from '../../render/helm';

/** The split as Helm's regexp states it, for comparison (slow on long whitespace runs, exact by definition). */
function byRegexp(text: string): string[] {
  const body = text.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
  const sep = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const out: string[] = [];
  let last = 0;
  for (let m = sep.exec(body); m; m = sep.exec(body)) {
    if (m.index > last) out.push(body.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (body.length > last) out.push(body.slice(last));
  return out.map((d) => d.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '')).filter((d) => d !== '');
}

describe('render/helm: splitting a template output into documents', () => {
  it('splits at --- after a line break or at the start, as Helm does (even the first three dashes of ----), not inside a line', () => {
    const text = '---\na: 1\n  \n---  \nb: 2 --- c\n----\nd: 3\n---\n---\ne: 4\n';
    assert.deepEqual(splitManifests(text).map(([a, b]) => text.slice(a, b)), ['a: 1', 'b: 2 --- c', '-\nd: 3', '---\ne: 4']);
  });

  it('agrees with the regexp on random texts of dashes, breaks, blanks and letters', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const alphabet = ['-', '-', '-', '\n', '\n', ' ', '\t', '\r', 'a', '---', '\n---\n'];
    for (let i = 0; i < 3000; i++) {
      let t = '';
      for (let k = rnd(40); k > 0; k--) t += alphabet[rnd(alphabet.length)];
      const got = splitManifests(t).map(([a, b]) => t.slice(a, b)).filter((d) => d !== '');
      assert.deepEqual(got, byRegexp(t), JSON.stringify(t));
    }
  });
});
