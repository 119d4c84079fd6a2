import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from './lsp-client';
import { podDoc, removeDir, startClient, tempDir } from './helpers';

describe('server: kubehex/report (the editor\'s posture dashboard)', function () {
  let dir: string;
  let c: LspClient;
  before(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'apps'), { recursive: true });
    writeFileSync(join(dir, 'apps', 'a.yaml'), podDoc('a', true));
    writeFileSync(join(dir, 'apps', 'b.yaml'), podDoc('b', false));
    c = await startClient({ root: dir });
  });
  after(() => { c.kill(); removeDir(dir); });

  it('scans the workspace and returns the report data: scores, recipes, workloads with their PSS level', async () => {
    const r = await c.request('kubehex/report', { folders: [dir], format: 'json' });
    assert.deepEqual([r.score, r.grade, r.counts], [50, 'F', { error: 1, warning: 0, info: 0 }]);
    assert.equal(r.html, undefined);
    const d = r.data;
    assert.deepEqual([d.totals.files, d.totals.objects, d.totals.workloads], [2, 2, 2]);
    assert.equal(d.categories.container.score, 50);
    assert.deepEqual(d.recipes.map((x: any) => [x.rank, x.rules[0], x.quickFixes]), [[1, 'privileged-container', 1]]);
    assert.deepEqual(d.workloads.map((w: any) => [w.file, w.name, w.pss]), [['apps/a.yaml', 'a', 'privileged'], ['apps/b.yaml', 'b', 'restricted']]);
    assert.match(d.notes[0], /^Pod Security Standard levels rest on the PSS rules of this profile; /);
  });

  it('returns the page: findings carry the absolute file and 0-based position for the webview to open; no script', async () => {
    const r = await c.request('kubehex/report', { folders: [dir] });
    assert.match(r.html, new RegExp(`data-file="${join(dir, 'apps', 'a.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" data-line="9" data-character="8"`));
    assert.doesNotMatch(r.html, /<script/);
    for (const cat of ['core', 'chain', 'cluster', 'container', 'code', 'components']) assert.match(r.html, new RegExp(`<b>${cat}</b>`));
  });
});
