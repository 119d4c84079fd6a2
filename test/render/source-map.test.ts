import * as assert from 'node:assert/strict';
import { SourceMap, type Segment } from '../../render/source-map';

describe('render: source map lookups', () => {
  const seg = (start: number, end: number, note: string): Segment => ({ start, end, origin: { kind: 'generated', note } });

  it('overlapping: every segment that shares a character with the range, in start order, nested ones included', () => {
    const map = new SourceMap([seg(10, 20, 'b'), seg(0, 100, 'outer'), seg(12, 14, 'b1'), seg(20, 30, 'c'), seg(40, 50, 'd'), seg(5, 10, 'a')]);
    const notes = (s: number, e: number) => map.overlapping(s, e).map((x) => (x.origin as { note: string }).note);
    assert.deepEqual(notes(13, 21), ['outer', 'b', 'b1', 'c']);
    assert.deepEqual(notes(10, 10), ['outer']);
    assert.deepEqual(notes(30, 40), ['outer']);
    assert.deepEqual(notes(0, 5), ['outer']);
    assert.deepEqual(notes(49, 200), ['outer', 'd']);
    assert.deepEqual(notes(100, 200), []);
  });

  it('overlapping agrees with a scan of every segment', () => {
    let x = 7;
    const rnd = (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
    const segs: Segment[] = [];
    for (let i = 0; i < 300; i++) { const s = rnd(1000); segs.push(seg(s, s + 1 + rnd(i % 10 === 0 ? 400 : 20), String(i))); }
    const map = new SourceMap(segs);
    for (let i = 0; i < 300; i++) {
      const s = rnd(1100);
      const e = s + rnd(60);
      assert.deepEqual(map.overlapping(s, e), map.segments.filter((g) => g.start < e && g.end > s), `[${s}, ${e})`);
    }
  });
});
