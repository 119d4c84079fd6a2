import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { diskFs } from '../../cli/disk-fs';
import { kustomizeRenderer, makeKustomizeRenderer, memoryFs, type RenderResult, type Segment } from '../../render';

// Small kustomization trees under test/fixtures/kustomize; expected/ holds what `kubectl kustomize` (v5.5)
// printed for them (regenerate with scripts/kustomize-fixtures.sh). The tests never run kubectl.
const FIX = resolve(__dirname, '../../../test/fixtures/kustomize');
const fs = diskFs();
const expected = (name: string) => readFileSync(join(FIX, 'expected', name), 'utf8');
const build = (dir: string, loadRestrictor?: 'LoadRestrictionsNone'): RenderResult =>
  kustomizeRenderer.render(fs, join(FIX, dir), { kustomize: loadRestrictor ? { loadRestrictor } : {} });

/** The innermost source-map segment of the rendered node at `path` of document `doc`. */
function originAt(r: RenderResult, doc: number, path: Array<string | number>): Segment | undefined {
  const d = parseAllDocuments(r.text)[doc];
  const n = d.getIn(path, true) as { range?: [number, number, number] } | undefined;
  assert.ok(n?.range, `rendered node ${path.join('.')} exists`);
  return r.map.at(n!.range![0], Math.max(n!.range![0] + 1, n!.range![1]));
}

function docIndex(r: RenderResult, kind: string, name: string): number {
  const docs = parseAllDocuments(r.text).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
  const i = docs.findIndex((d) => d.kind === kind && d.metadata.name === name);
  assert.ok(i >= 0, `${kind}/${name} is in the output`);
  return i;
}

describe('render/kustomize: output equals kubectl kustomize', () => {
  for (const [dir, file] of [['overlay/prod', 'overlay-prod'], ['smp', 'smp'], ['json6902', 'json6902'], ['components/app', 'components-app'], ['yaml-output', 'yaml-output']]) {
    it(`${dir}: byte for byte`, () => {
      const r = build(dir);
      assert.deepEqual(r.errors, []);
      assert.equal(r.text, expected(`${file}.yaml`));
    });
  }

  it('overlay: generated names carry kustomize\'s content hash and every reference follows the renames', () => {
    const text = build('overlay/prod').text;
    assert.match(text, /name: prod-app-config-[a-z0-9]{10}\n {2}namespace: shop/);
    const cm = /name: (prod-app-config-[a-z0-9]{10})/.exec(text)![1];
    assert.equal(text.split(cm).length - 1, 3, 'the ConfigMap, its envFrom and its volume');
    assert.match(text, /secretKeyRef:\n\s+key: password\n\s+name: prod-db-[a-z0-9]{10}/);
    assert.match(text, /- kind: ServiceAccount\n {2}name: prod-web\n {2}namespace: shop/);
  });

  it('LoadRestrictionsNone lets a resource outside the root in', () => {
    const r = build('errors/outside/root', 'LoadRestrictionsNone');
    assert.equal(r.text, expected('errors-outside-none.yaml'));
  });

  it('prints kustomize\'s deprecation warnings as notes on the deprecated field', () => {
    const r = build('overlay/prod');
    assert.deepEqual(r.notes.map((n) => n.message), expected('warnings.tsv').split('\n').filter((l) => l.startsWith('overlay-prod\t')).map((l) => l.slice('overlay-prod\t'.length)));
    assert.equal(r.notes[0].file, join(FIX, 'overlay/prod/kustomization.yaml'));
    assert.deepEqual(r.notes[0].range?.start, { line: 6, character: 0 });
  });

  it('lists every file the build read as kustomize-input', () => {
    const files = build('overlay/prod').inputs.map((i) => i.file.slice(FIX.length + 1));
    for (const f of ['overlay/base/app.properties', 'overlay/base/deployment.yaml', 'overlay/base/kustomization.yaml', 'overlay/prod/cpu.yaml', 'overlay/prod/kustomization.yaml']) assert.ok(files.includes(f), f);
    assert.ok(build('smp').inputs.every((i) => i.reason === 'kustomize-input'));
  });

  it('recognises kustomization.yaml, kustomization.yml and Kustomization roots', () => {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) assert.ok(kustomizeRenderer.isRoot(memoryFs({ [`/k/${name}`]: 'resources: []\n' }), '/k'), name);
    assert.ok(!kustomizeRenderer.isRoot(memoryFs({ '/k/Chart.yaml': 'name: x\n' }), '/k'));
  });
});

describe('render/kustomize: errors', () => {
  const message = (name: string) => JSON.parse(expected(`${name}.stderr.txt`).trim()).replaceAll('<FIXTURES>', FIX);
  const cases: Array<[string, string, number]> = [
    ['errors/missing', 'errors-missing', 2], ['errors/outside/root', 'errors-outside-root', 1],
    ['errors/cycle', 'errors-cycle', 1], ['errors/nomatch', 'errors-nomatch', 3],
  ];
  for (const [dir, name, line] of cases) {
    it(`${dir}: kustomize's message, placed on the kustomization entry`, () => {
      const r = build(dir);
      assert.equal(r.text, '');
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0].message, message(name));
      assert.equal(r.errors[0].file, join(FIX, dir, 'kustomization.yaml'));
      assert.deepEqual(r.errors[0].range?.start, { line, character: 2 });
    });
  }

  it('never fetches a remote base: one clear error on its entry', () => {
    const r = build('errors/remote');
    assert.equal(r.errors[0].message, "accumulating resources: remote resource 'https://github.com/example/repo//deploy?ref=v1' is not fetched: kubehex builds offline (vendor the base or build it with kustomize)");
    assert.deepEqual(r.errors[0].range?.start, { line: 1, character: 2 });
  });

  it('reports an unknown field and a wrong type with kustomize\'s wording', () => {
    const bad = (text: string) => kustomizeRenderer.render(memoryFs({ '/k/kustomization.yaml': text }), '/k', {}).errors[0];
    assert.equal(bad('resources: []\nfoo: 1\n').message, 'invalid Kustomization: json: unknown field "foo"');
    assert.deepEqual(bad('resources: []\nfoo: 1\n').range?.start, { line: 1, character: 0 });
    assert.equal(bad('resources: a.yaml\n').message, 'invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string');
    assert.equal(bad('kind: Kustomization\n').message, 'kustomization.yaml is empty');
  });

  it('reports a missing kustomization', () => {
    const r = kustomizeRenderer.render(memoryFs({ '/k/a.yaml': 'x: 1\n' }), '/k', {});
    assert.equal(r.errors[0].message, "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/k'");
  });
});

describe('render/kustomize: provenance in the source map', () => {
  const r = build('overlay/prod');
  const dep = docIndex(r, 'Deployment', 'prod-web');
  const base = join(FIX, 'overlay/base');
  const prod = join(FIX, 'overlay/prod');

  it('a base value maps to its node in the base file, via the overlay', () => {
    const seg = originAt(r, dep, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']);
    assert.equal(seg?.origin.kind, 'node');
    if (seg?.origin.kind !== 'node') return;
    assert.equal(seg.origin.file, join(base, 'deployment.yaml'));
    assert.deepEqual(seg.origin.path, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']);
    assert.deepEqual(seg.origin.range.start, { line: 28, character: 22 });
    assert.deepEqual(seg.trace?.map((t) => t.note), ['via overlay prod']);
    assert.equal(seg.trace?.[0].file, join(prod, 'kustomization.yaml'));
  });

  it('a patched value maps to the patch file, with the patch in the trace', () => {
    const seg = originAt(r, dep, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']);
    assert.equal(seg?.origin.kind === 'node' && seg.origin.file, join(prod, 'cpu.yaml'));
    assert.deepEqual(seg?.trace?.map((t) => t.note), ['patch cpu.yaml']);
    const side = originAt(r, dep, ['spec', 'template', 'spec', 'containers', 1, 'image']);
    assert.equal(side?.origin.kind === 'node' && side.origin.file, join(prod, 'cpu.yaml'), 'a container the patch added');
  });

  it('an image set by `images:` maps to that entry of the kustomization', () => {
    const seg = originAt(r, dep, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(seg?.origin.kind, 'node');
    if (seg?.origin.kind !== 'node') return;
    assert.equal(seg.origin.file, join(prod, 'kustomization.yaml'));
    assert.deepEqual(seg.origin.path, ['images', 0, 'newTag']);
  });

  it('generated objects map to their generator, a merged literal to the overlay line', () => {
    const cm = parseAllDocuments(r.text).findIndex((d) => (d.toJS() as { kind: string }).kind === 'ConfigMap');
    const whole = originAt(r, cm, ['metadata']);
    assert.equal(whole?.origin.kind === 'node' && whole.origin.file, join(base, 'kustomization.yaml'));
    const level = originAt(r, cm, ['data', 'LOG_LEVEL']);
    assert.equal(level?.origin.kind === 'node' && level.origin.file, join(prod, 'kustomization.yaml'));
    assert.deepEqual(level?.origin.kind === 'node' && level.origin.path, ['configMapGenerator', 0, 'literals', 0]);
    const greeting = originAt(r, cm, ['data', 'app.properties']);
    // a data file's content maps to that file (doc -1: not YAML), with the files entry that read it in the trace
    assert.deepEqual(greeting?.origin.kind === 'node' && [greeting.origin.file, greeting.origin.doc, greeting.origin.path], [join(base, 'app.properties'), -1, []]);
    assert.deepEqual(greeting?.trace?.map((t) => [t.file, t.range.start.line, t.note]), [[join(prod, 'kustomization.yaml'), 3, 'via overlay prod'], [join(base, 'kustomization.yaml'), 9, 'file of configMapGenerator app-config']]);
  });

  it('a label from commonLabels maps to its key in the kustomization', () => {
    const seg = originAt(r, dep, ['spec', 'selector', 'matchLabels', 'team']);
    assert.deepEqual(seg?.origin.kind === 'node' && seg.origin.path, ['commonLabels', 'team']);
  });

  it('a multi-line value printed as a literal block maps to its own node (its range ends with the break)', () => {
    const files = {
      '/k/kustomization.yaml': 'resources:\n- cm.yaml\n',
      '/k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  run.sh: |-\n    echo one\n    echo two\n  z: last\n',
    };
    const k = kustomizeRenderer.render(memoryFs(files), '/k', {});
    assert.equal(k.text, 'apiVersion: v1\ndata:\n  run.sh: |-\n    echo one\n    echo two\n  z: last\nkind: ConfigMap\nmetadata:\n  name: c\n');
    const seg = originAt(k, 0, ['data', 'run.sh']);
    assert.deepEqual(seg?.origin.kind === 'node' && [seg.origin.file, seg.origin.path, seg.origin.range.start], ['/k/cm.yaml', ['data', 'run.sh'], { line: 5, character: 10 }]);
  });

  it('an inline patch maps into the kustomization, at its line', () => {
    const c = build('components/app');
    const seg = originAt(c, docIndex(c, 'Deployment', 'app-v2'), ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem']);
    assert.equal(seg?.origin.kind === 'node' && seg.origin.file, join(FIX, 'components/comp/kustomization.yaml'));
    assert.equal(seg?.origin.kind === 'node' && seg.origin.range.start.line, 17);
    assert.deepEqual(seg?.trace?.map((t) => t.note), ['inline patch in ../comp/kustomization.yaml']);
  });
});

describe('render/kustomize: helmCharts through the Helm renderer', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { toyRenderer, POD, VALUES } = require('./toy-renderer') as typeof import('./toy-renderer');
  const files = {
    '/k/kustomization.yaml': 'namePrefix: k-\nhelmCharts:\n- name: app\n  releaseName: r\n',
    '/k/charts/app/values.yaml': VALUES,
    '/k/charts/app/templates/pod.yaml': POD('web'),
  };

  it('renders the local chart and transforms its output like any resource', () => {
    const r = makeKustomizeRenderer(toyRenderer).render(memoryFs(files), '/k', {});
    assert.deepEqual(r.errors, []);
    assert.match(r.text, /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}name: k-web\n/);
    const seg = originAt(r, 0, ['spec', 'containers', 0, 'securityContext', 'privileged']);
    assert.equal(seg?.origin.kind === 'node' && seg.origin.file, '/k/charts/app/values.yaml', 'a templated value keeps its values key');
    const lit = originAt(r, 0, ['spec', 'containers', 0, 'image']);
    assert.equal(lit?.origin.kind, 'text', 'literal template text keeps its template line');
    assert.ok(r.inputs.some((i) => i.file === '/k/charts/app/templates/pod.yaml'));
  });

  it('says clearly when a chart is missing or Helm rendering is not available', () => {
    assert.match(kustomizeRenderer.render(memoryFs(files), '/k', {}).errors[0].message, /helmCharts: chart 'app' cannot be rendered: kubehex's Helm renderer is not available/);
    const noChart = makeKustomizeRenderer(toyRenderer).render(memoryFs({ '/k/kustomization.yaml': 'helmCharts:\n- name: x\n  repo: https://charts.example.com\n' }), '/k', {});
    assert.equal(noChart.errors[0].message, "helmCharts: chart 'x' is not in '/k/charts/x' (kubehex does not pull it from https://charts.example.com: vendor the chart there)");
    assert.deepEqual(noChart.errors[0].range?.start, { line: 1, character: 2 });
  });
});

describe('render/kustomize: fixes edit the base or the patch, verified by building again', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintText, resolveRules } = require('../../engine') as typeof import('../../engine');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SourceIndex, translateFix, rootsReading } = require('../../render') as typeof import('../../render');
  const set = resolveRules(rules, undefined, 'all');
  const DEP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        securityContext:\n          privileged: true\n';
  const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        securityContext:\n          runAsNonRoot: false\n';
  const fs = memoryFs({
    '/w/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
    '/w/base/deployment.yaml': DEP,
    '/w/a/kustomization.yaml': 'namePrefix: a-\nresources:\n- ../base\n',
    '/w/b/kustomization.yaml': 'resources:\n- ../base\n',
    '/w/c/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n',
    '/w/c/patch.yaml': PATCH,
  });
  const roots = ['/w/a', '/w/b', '/w/c'].map((root) => ({ root, result: kustomizeRenderer.render(fs, root, {}) }));
  const fixFor = (root: string, ruleId: string) => {
    const result = roots.find((r) => r.root === root)!.result;
    const { parsed, findings } = lintText(result.text, set);
    const finding = findings.find((f) => f.ruleId === ruleId);
    assert.ok(finding?.fix, `${ruleId} has a fix`);
    const fix = translateFix({
      result, rendered: parsed, finding: finding!, fs, src: new SourceIndex(fs), set,
      rerender: (f2) => kustomizeRenderer.render(f2, root, {}), display: (f) => f.slice('/w/'.length),
      reach: (files) => rootsReading(roots, files),
    });
    assert.ok(fix, `${ruleId}: a verified fix`);
    assert.equal(fix!.files.length, 1);
    const text = fs.readText(fix!.files[0].file)!;
    const fixed = [...fix!.files[0].edits].sort((x, y) => y.start - x.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
    return { title: fix!.title, file: fix!.files[0].file, fixed };
  };

  it('a base value (the only key of its map) is fixed in the base, titled with the overlays it reaches', () => {
    assert.deepEqual(fixFor('/w/a', 'privileged-container'), { title: 'Set privileged: false in base/deployment.yaml (affects 3 overlays)', file: '/w/base/deployment.yaml', fixed: DEP.replace('privileged: true', 'privileged: false') });
  });

  it('a missing field is added under the base map that holds its parent', () => {
    assert.deepEqual(fixFor('/w/b', 'writable-root-filesystem'), { title: 'Set readOnlyRootFilesystem: true in base/deployment.yaml (affects 3 overlays)', file: '/w/base/deployment.yaml', fixed: `${DEP}          readOnlyRootFilesystem: true\n` });
  });

  it('a value the overlay\'s patch wrote is fixed in the patch, which only that overlay reads', () => {
    assert.deepEqual(fixFor('/w/c', 'run-as-root'), { title: 'Set runAsNonRoot: true on the container in c/patch.yaml', file: '/w/c/patch.yaml', fixed: PATCH.replace('runAsNonRoot: false', 'runAsNonRoot: true') });
  });
});
