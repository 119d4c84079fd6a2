import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import { renderers } from '../../render';
import { RenderStore } from '../../server/rendered';
import { pathToUri } from '../../server/uri';
import { POD, VALUES, toyRenderer } from '../render/toy-renderer';

describe('server: charts in the editor (RenderStore)', () => {
  let dir: string;
  // a new map for every state of the open documents, as the server's (the store caches per map)
  let open = new Map<string, { text: string; version: number }>();
  const set = resolveRules(rules, undefined, 'recommended');
  const none = () => ({});
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-store-')));
    mkdirSync(join(dir, 'chart/templates'), { recursive: true });
    writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: toy\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart/values.yaml'), VALUES);
    writeFileSync(join(dir, 'chart/templates/a.yaml'), POD('a'));
    renderers.unshift(toyRenderer);
  });
  after(() => {
    renderers.splice(renderers.indexOf(toyRenderer), 1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the finding on values.yaml with the template in relatedInformation, and follows unsaved edits', async () => {
    const store = new RenderStore(() => open);
    const values = join(dir, 'chart/values.yaml');
    const d = (await store.diagnostics(values, pathToUri(values), 1, set, 'k', new Set(), none))!;
    const priv = d.filter((x) => x.code === 'privileged-container');
    assert.equal(priv.length, 1);
    assert.deepEqual(priv[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
    assert.equal(priv[0].relatedInformation?.[0].location.uri, pathToUri(join(dir, 'chart/templates/a.yaml')));
    assert.ok(store.touches(values));
    // the open, unsaved values.yaml wins over the disk
    open = new Map([[values, { text: VALUES.replace('privileged: true', 'privileged: false'), version: 2 }]]);
    const d2 = (await store.diagnostics(values, pathToUri(values), 2, set, 'k', new Set(), none))!;
    assert.equal(d2.filter((x) => x.code === 'privileged-container').length, 0);
    open = new Map();
  });

  it('offers a quick fix that edits values.yaml, and nothing for files no render reads', async () => {
    const store = new RenderStore(() => open);
    const values = join(dir, 'chart/values.yaml');
    const d = (await store.diagnostics(values, pathToUri(values), 1, set, 'k', new Set(), none))!;
    const actions = await store.codeActions(values, d.filter((x) => x.code === 'privileged-container'), set, 'k', none);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Set sec.privileged: false in values.yaml');
    const edits = actions[0].edit!.changes![pathToUri(values)];
    assert.deepEqual(edits, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 18 } }, newText: 'false' }]);
    assert.equal(await store.diagnostics(join(dir, 'elsewhere.yaml'), pathToUri(join(dir, 'elsewhere.yaml')), 1, set, 'k', new Set(), none), undefined);
  });

  it('hover on a template line and on a values key shows the rendered lines they produced', async () => {
    const store = new RenderStore(() => open);
    const tpl = join(dir, 'chart/templates/a.yaml');
    assert.equal(await store.renderedLines(tpl, 10, set, 'k', none), '**Rendered** (helm template of `chart`):\n\n```yaml\n        privileged: true\n```');
    const values = join(dir, 'chart/values.yaml');
    assert.equal(await store.renderedLines(values, 2, set, 'k', none), '**Rendered** (helm template of `chart`):\n\n```yaml\n        privileged: true\n```');
    assert.equal(await store.renderedLines(join(dir, 'elsewhere.yaml'), 0, set, 'k', none), undefined);
  });
});

describe('server: kustomizations in the editor (RenderStore reuses unchanged builds)', () => {
  let dir: string;
  const set = resolveRules(rules, undefined, 'recommended');
  const none = () => ({});
  const DEP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';
  const PATCH = (priv: boolean) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        securityContext:\n          privileged: ${priv}\n`;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-store-kz-')));
    for (const o of ['a', 'b']) {
      mkdirSync(join(dir, o), { recursive: true });
      writeFileSync(join(dir, o, 'kustomization.yaml'), 'resources:\n- dep.yaml\npatches:\n- path: patch.yaml\n');
      writeFileSync(join(dir, o, 'dep.yaml'), DEP);
      writeFileSync(join(dir, o, 'patch.yaml'), PATCH(false));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an edit in one overlay\'s patch rebuilds that overlay only; the other build is reused until a file it reads changes', async () => {
    let open = new Map<string, { text: string; version: number }>();
    const store = new RenderStore(() => open);
    const roots = [join(dir, 'a'), join(dir, 'b')];
    const first = await store.renderRoots(store.fs(), roots, set, 'k', none);
    const patchA = join(dir, 'a', 'patch.yaml');
    open = new Map([[patchA, { text: PATCH(true), version: 2 }]]);
    const second = await store.renderRoots(store.fs(), roots, set, 'k', none);
    const byRoot = (ls: typeof first, o: string) => ls.find((l) => l.source.root === join(dir, o))!;
    assert.notEqual(byRoot(second, 'a').source, byRoot(first, 'a').source, 'a read the edited patch: built again');
    assert.equal(byRoot(second, 'b').source, byRoot(first, 'b').source, 'b read nothing that changed: reused');
    assert.deepEqual(byRoot(second, 'a').findings.filter((f) => f.ruleId === 'privileged-container').map((f) => [f.file, f.range.start.line]), [[patchA, 10]]);
    assert.deepEqual(byRoot(second, 'b').findings.filter((f) => f.ruleId === 'privileged-container'), []);
    // a change on disk (the watcher) rebuilds everything
    store.invalidate();
    const third = await store.renderRoots(store.fs(), roots, set, 'k', none);
    assert.notEqual(byRoot(third, 'b').source, byRoot(second, 'b').source);
  });
});
