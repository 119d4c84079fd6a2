import * as assert from 'node:assert/strict';
import { parseManifest } from '../../engine';

// A values-like file with tens of thousands of keys in one map: the yaml package's own unique-key check scans
// the map for every key (40,000 keys took about a minute); duplicates are now found in one linear pass.
describe('engine: a map with many keys parses in linear time, and duplicate keys are still found', function () {
  this.timeout(60000);

  it('50,000 distinct keys: no duplicates, well under the old quadratic time', () => {
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
    for (let i = 0; i < 50_000; i++) text += `  k${i}: "value ${i}"\n`;
    const t0 = Date.now();
    const parsed = parseManifest(text);
    const ms = Date.now() - t0;
    assert.equal(parsed.docs.length, 1);
    assert.deepEqual(parsed.docs[0].errors, []);
    assert.deepEqual(parsed.docs[0].duplicates, []);
    assert.equal(Object.keys((parsed.docs[0].value as { data: object }).data).length, 50_000);
    assert.ok(ms < 15_000, `took ${ms} ms`);
  });

  it('a duplicate at the end of a long map and one deep inside a list are reported with their paths and counts', () => {
    let text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n';
    for (let i = 0; i < 2_000; i++) text += `    l${i}: x\n`;
    text += '    l7: y\n    l7: z\nspec:\n  containers:\n  - name: c\n    image: a\n    image: b\n  - name: d\n    <<: {image: e}\n    image: f\n';
    const d = parseManifest(text).docs[0];
    assert.deepEqual(d.duplicates, [{ path: ['metadata', 'labels', 'l7'], count: 3 }, { path: ['spec', 'containers', 0, 'image'], count: 2 }]);
    assert.deepEqual(d.errors, []);
  });
});
