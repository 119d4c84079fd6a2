import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { diskFs } from '../../host';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { KubehexServer } from '../../server/server';
import { keepKustomizeBuilds, renderers } from '../../render';
import { keptTexts, RenderStore } from '../../server/rendered';
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

  it('a keystroke looks for chart and kustomization roots again only when the set of open files or the disk changed', async () => {
    const store = new RenderStore(() => open);
    const plain = join(dir, 'plain/pod.yaml');
    const values = join(dir, 'chart/values.yaml');
    const ask = (p: string) => store.diagnostics(p, pathToUri(p), 1, set, 'k', new Set(), none);
    open = new Map([[plain, { text: POD('p'), version: 1 }]]);
    assert.equal(await ask(plain), undefined);
    assert.equal(store.rootLookups, 1);
    // keystrokes: new maps, same paths; the plain file is still in no render, found without a new lookup
    for (let v = 2; v <= 4; v++) {
      open = new Map([[plain, { text: POD(`p${v}`), version: v }]]);
      assert.equal(await ask(plain), undefined);
    }
    assert.equal(store.rootLookups, 1);
    // a keystroke in values.yaml: its directory is looked up once, and its edits still reach the render
    open = new Map([[plain, { text: POD('p'), version: 5 }], [values, { text: VALUES, version: 1 }]]);
    assert.equal((await ask(values))!.filter((x) => x.code === 'privileged-container').length, 1);
    assert.equal(store.rootLookups, 2);
    open = new Map([[plain, { text: POD('p'), version: 5 }], [values, { text: VALUES.replace('privileged: true', 'privileged: false'), version: 2 }]]);
    assert.equal((await ask(values))!.filter((x) => x.code === 'privileged-container').length, 0);
    assert.equal(store.rootLookups, 2);
    // a file on disk changed (watcher): roots are looked for again
    store.invalidate();
    assert.equal(await ask(plain), undefined);
    assert.equal(store.rootLookups, 3);
    // a new, unsaved Chart.yaml beside the plain file makes it a chart file: a new set of open paths, a new lookup
    const chartFile = join(dir, 'plain/Chart.yaml');
    open = new Map([[plain, { text: POD('p'), version: 6 }], [chartFile, { text: 'apiVersion: v2\nname: p\nversion: 0.1.0\n', version: 1 }]]);
    await ask(plain);
    assert.equal(store.rootLookups, 4);
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

describe('server: keystrokes in a kustomization\'s patch (RenderStore with kept bases) give what a fresh build gives', () => {
  let dir: string;
  const set = resolveRules(rules, undefined, 'recommended');
  const none = () => ({});
  const CRD = (n: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${n}s.example.com\nspec:\n  group: example.com\n  names: {kind: ${n}, plural: ${n}s}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n`;
  const DEP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      hostNetwork: true\n      containers:\n      - name: web\n        image: nginx:1.27\n';
  const PATCH = (sc: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        securityContext:\n${sc}`;
  const states = [
    PATCH('          privileged: false\n'),
    PATCH('          privileged: true\n'),
    PATCH('          privileged: tru\n'),
    PATCH('          privileged: true\n          runAsUser: 0\n'),
    `# a comment moves every line\n${PATCH('          privileged: true\n')}`,
    PATCH('          privileged: [\n'),
    PATCH('          privileged: false\n'),
  ];
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-store-keys-')));
    mkdirSync(join(dir, 'base'), { recursive: true });
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'base/kustomization.yaml'), 'resources:\n- crds.yaml\n- dep.yaml\n');
    writeFileSync(join(dir, 'base/crds.yaml'), `${CRD('Gadget')}---\n${CRD('Widget')}`);
    writeFileSync(join(dir, 'base/dep.yaml'), DEP);
    writeFileSync(join(dir, 'app/kustomization.yaml'), 'namePrefix: p-\nnamespace: prod\nresources:\n- ../base\npatches:\n- path: patch.yaml\n');
    writeFileSync(join(dir, 'app/patch.yaml'), states[0]);
  });
  after(() => { keepKustomizeBuilds(0); rmSync(dir, { recursive: true, force: true }); });

  it('rule, file and range of every diagnostic on the patch, the base and the kustomization, after each of several edits', async () => {
    const patch = join(dir, 'app/patch.yaml');
    const dep = join(dir, 'base/dep.yaml');
    const kz = join(dir, 'app/kustomization.yaml');
    const shown = (ds: ReadonlyArray<Diagnostic> | undefined) => (ds ?? []).map((d) => ({ code: d.code, range: d.range, message: d.message, related: d.relatedInformation?.map((r) => [r.location.uri, r.location.range, r.message]) }));
    const diagnosticsOf = (store: RenderStore, i: number) => Promise.all([patch, dep, kz].map(async (p) => shown(await store.diagnostics(p, pathToUri(p), i + 1, set, 'k', new Set(), none))));
    // fresh builds of every state: a new store each time, with nothing kept between builds
    const fresh = [];
    for (let i = 0; i < states.length; i++) {
      const state = new Map([[patch, { text: states[i], version: i + 1 }]]);
      const store = new RenderStore(() => state, () => [dir]);
      keepKustomizeBuilds(0);
      fresh.push(await diagnosticsOf(store, i));
    }
    assert.ok(fresh[1][0].some((d) => d.code === 'privileged-container'), 'the patch sets privileged');
    assert.ok(!fresh[0][0].some((d) => d.code === 'privileged-container'));
    assert.ok(fresh[1][1].some((d) => d.code === 'host-network'), 'the base sets hostNetwork');
    assert.ok(fresh[5][2].some((d) => d.code === 'render-error'), 'a broken patch fails the build (shown on its entry)');
    let open = new Map<string, { text: string; version: number }>();
    const store = new RenderStore(() => open, () => [dir]);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < states.length; i++) {
        open = new Map([[patch, { text: states[i], version: i + 1 }]]);
        const got = await diagnosticsOf(store, i);
        assert.deepEqual(got, fresh[i], `state ${i} (pass ${pass + 1})`);
      }
    }
  });
});

describe('server: the wait after a keystroke in a file a render reads (push mode)', () => {
  it('none when no render of the document waits or runs (nothing to coalesce); within a burst, one render debounce', () => {
    const server = new KubehexServer({} as Connection);
    assert.equal(server.renderDebounce(false), 0);
    assert.equal(server.renderDebounce(true), 30);
  });
});

describe('server: texts read from disk are kept while the file is unchanged (keptTexts)', () => {
  it('the same string while size, times and inode stay; the new text once the file is written; nothing for a missing file', () => {
    const d = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-kept-texts-')));
    try {
      const f = join(d, 'a.yaml');
      writeFileSync(f, 'a: 1\n');
      let reads = 0;
      const disk = diskFs(1 << 20);
      const fs = keptTexts({ ...disk, readText: (p) => { reads++; return disk.readText(p); } }, 1 << 20);
      const first = fs.readText(f);
      assert.equal(first, 'a: 1\n');
      assert.equal(fs.readText(f), first);
      assert.equal(reads, 1, 'the second read is the kept text');
      // same size, so only the times (and content) tell the change
      writeFileSync(f, 'a: 2\n');
      const future = new Date(Date.now() + 5000);
      utimesSync(f, future, future);
      assert.equal(fs.readText(f), 'a: 2\n');
      assert.equal(reads, 2);
      rmSync(f);
      assert.equal(fs.readText(f), undefined);
    } finally { rmSync(d, { recursive: true, force: true }); }
  });
});
