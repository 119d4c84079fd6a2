import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, LspError, uriOf } from './lsp-client';
import { podDoc, removeDir, startClient, tempDir } from './helpers';

describe('server: workspace scan', function () {
  let dir: string;
  let c: LspClient;
  before(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'apps'), { recursive: true });
    mkdirSync(join(dir, 'generated'), { recursive: true });
    mkdirSync(join(dir, 'vendor'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '# build output\ngenerated/\n*.tmp.yaml\n!keep.tmp.yaml\n');
    writeFileSync(join(dir, 'apps', 'a.yaml'), podDoc('a', true));
    writeFileSync(join(dir, 'apps', 'b.yml'), podDoc('b', false));
    writeFileSync(join(dir, 'apps', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' }, spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] } }, null, 2));
    writeFileSync(join(dir, 'apps', 'scratch.tmp.yaml'), podDoc('tmp', true));
    writeFileSync(join(dir, 'apps', 'keep.tmp.yaml'), podDoc('keep', false));
    writeFileSync(join(dir, 'generated', 'g.yaml'), podDoc('g', true));
    writeFileSync(join(dir, 'vendor', 'v.yaml'), podDoc('v', true));
    writeFileSync(join(dir, 'node_modules', 'x', 'n.yaml'), podDoc('n', true));
    writeFileSync(join(dir, 'notes.txt'), 'privileged: true');
    c = await startClient({ root: dir });
  });
  after(() => { c.kill(); removeDir(dir); });

  it('scans the workspace with progress, honours .gitignore and exclude globs, publishes and summarises', async () => {
    const since = c.mark();
    const r = await c.request('kubehex/scanWorkspace', { exclude: ['vendor/**'], workDoneToken: 'scan-1' });
    assert.deepEqual({ files: r.files, findings: r.findings, reused: r.reused }, { files: 4, findings: 2, reused: 0 });
    assert.deepEqual(r.byRule, { 'privileged-container': 2 });
    assert.deepEqual(r.byCategory, { container: 2 });
    assert.deepEqual(r.bySeverity, { error: 2 });
    assert.deepEqual(r.items.map((i: any) => [i.uri, i.ruleId, i.severity, i.category, i.range.start.line]), [
      [uriOf(join(dir, 'apps', 'a.yaml')), 'privileged-container', 'error', 'container', 9],
      [uriOf(join(dir, 'apps', 'c.json')), 'privileged-container', 'error', 'container', 12],
    ]);
    const progress = c.log.slice(since).filter((m) => m.method === '$/progress' && m.params.token === 'scan-1').map((m) => m.params.value);
    assert.equal(progress[0].kind, 'begin');
    assert.equal(progress[0].cancellable, true);
    assert.equal(progress[progress.length - 1].kind, 'end');
    assert.ok(progress.some((p) => p.kind === 'report' && p.message === '4/4 files'), JSON.stringify(progress));
    const diags = await c.diagnostics(uriOf(join(dir, 'apps', 'a.yaml')), undefined, since);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['privileged-container', 9, 8]]);
  });

  it('reuses results of files whose mtime and size did not change', async () => {
    const again = await c.request('kubehex/scanWorkspace', { exclude: ['vendor/**'] });
    assert.deepEqual({ files: again.files, findings: again.findings, reused: again.reused }, { files: 4, findings: 2, reused: 4 });
    writeFileSync(join(dir, 'apps', 'a.yaml'), podDoc('a', false));
    const since = c.mark();
    const third = await c.request('kubehex/scanWorkspace', { exclude: ['vendor/**'] });
    assert.deepEqual({ files: third.files, findings: third.findings, reused: third.reused }, { files: 4, findings: 1, reused: 3 });
    // the fixed file's diagnostics are cleared
    assert.deepEqual(await c.diagnostics(uriOf(join(dir, 'apps', 'a.yaml')), undefined, since), []);
  });

  it('uses the editor text of open files and does not publish for them', async () => {
    const uri = uriOf(join(dir, 'apps', 'b.yml'));
    let since = c.mark();
    c.open(uri, podDoc('b', true));
    await c.diagnostics(uri, 1, since);
    since = c.mark();
    const r = await c.request('kubehex/scanWorkspace', { exclude: ['vendor/**'] });
    assert.equal(r.findings, 2);
    assert.ok(r.items.some((i: any) => i.uri === uri));
    assert.ok(!c.log.slice(since).some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri));
  });

  it('is cancellable', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 400; i++) writeFileSync(join(big, `p${i}.yaml`), podDoc(`p${i}`, true));
    let id = 0;
    const p = c.request('kubehex/scanWorkspace', { workDoneToken: 'scan-2' }, (x) => { id = x; });
    await c.waitFor((m) => m.method === '$/progress' && m.params.token === 'scan-2' && m.params.value.kind === 'begin');
    c.notify('$/cancelRequest', { id });
    await assert.rejects(p, (e: LspError) => e.code === -32800);
  });
});
