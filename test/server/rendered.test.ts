// Charts and kustomizations in the editor, over LSP against the real server and the registered renderers:
// every file of a render gets its diagnostics (open or not), edits of any input re-render, render errors are one
// diagnostic at the failing action, quick fixes edit the source, hover and "Show Rendered Manifest" work.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyLspEdits, LspClient, uriOf } from './lsp-client';
import { removeDir, startClient, tempDir } from './helpers';

const CHART = 'apiVersion: v2\nname: web\nversion: 0.1.0\n';
const VALUES = 'image: nginx:1.27\nsecurityContext:\n  privileged: true\n';
const HELPERS = '{{- define "web.name" -}}\n{{ .Chart.Name }}-app\n{{- end -}}\n';
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.name" . }}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: {{ .Values.image }}
          securityContext:
            privileged: {{ .Values.securityContext.privileged }}
`;

/** A chart in `dir/chart`: Chart.yaml, values.yaml, templates/_helpers.tpl and templates/deploy.yaml. */
function writeChart(dir: string): Record<'chart' | 'values' | 'helpers' | 'deploy', string> {
  const chart = join(dir, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  const files = { chart: join(chart, 'Chart.yaml'), values: join(chart, 'values.yaml'), helpers: join(chart, 'templates', '_helpers.tpl'), deploy: join(chart, 'templates', 'deploy.yaml') };
  writeFileSync(files.chart, CHART);
  writeFileSync(files.values, VALUES);
  writeFileSync(files.helpers, HELPERS);
  writeFileSync(files.deploy, DEPLOY);
  return files;
}

const brief = (diags: any[]) => diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
const replaceLine = (line: number, from: number, to: number, text: string) => [{ range: { start: { line, character: from }, end: { line, character: to } }, text }];

describe('server: charts and kustomizations (rendered sources)', function () {
  let dir: string;
  const clients: LspClient[] = [];
  const start = async (opts: Parameters<typeof startClient>[0]) => { const c = await startClient(opts); clients.push(c); return c; };
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { for (const c of clients.splice(0)) c.kill(); removeDir(dir); });

  it('opening a template publishes the render\'s findings on values.yaml too, which is not open', async () => {
    const f = writeChart(dir);
    const c = await start({ root: dir });
    const since = c.mark();
    c.open(uriOf(f.deploy), DEPLOY);
    assert.deepEqual(await c.diagnostics(uriOf(f.deploy), 1, since), []);
    const values = await c.diagnostics(uriOf(f.values), undefined, since);
    assert.deepEqual(brief(values), [['privileged-container', 2, 2, 2, 18]]);
    assert.equal(values[0].relatedInformation[0].location.uri, uriOf(f.deploy));
    assert.equal(values[0].relatedInformation[0].location.range.start.line, 15);
  });

  it('editing values.yaml, a template or _helpers.tpl re-renders and updates every file of the chart', async () => {
    const f = writeChart(dir);
    const c = await start({ root: dir });
    const [vu, du, hu] = [uriOf(f.values), uriOf(f.deploy), uriOf(f.helpers)];
    let since = c.mark();
    c.open(vu, VALUES);
    c.open(du, DEPLOY);
    assert.deepEqual(brief(await c.diagnostics(vu, 1, since)), [['privileged-container', 2, 2, 2, 18]]);
    assert.deepEqual(await c.diagnostics(du, 1, since), []);

    // values.yaml: privileged: false -> no finding anywhere
    since = c.mark();
    c.change(vu, 2, replaceLine(2, 14, 18, 'false'));
    assert.deepEqual(await c.diagnostics(vu, 2, since), []);

    // the template: a literal privileged: true -> the finding moves to the template line
    since = c.mark();
    const at = DEPLOY.split('\n')[15].indexOf('{{');
    c.change(du, 2, replaceLine(15, at, DEPLOY.split('\n')[15].length, 'true'));
    assert.deepEqual(brief(await c.diagnostics(du, 2, since)), [['privileged-container', 15, 12, 15, 28]]);

    // _helpers.tpl, not linted alone: a syntax error there is one render error on the helper, no findings
    since = c.mark();
    c.open(hu, HELPERS, 1, 'helm');
    c.change(hu, 2, replaceLine(1, 0, 0, '{{ .Chart.Name '));
    const helper = await c.diagnostics(hu, 2, since);
    assert.equal(helper.length, 1);
    assert.equal(helper[0].code, 'render-error');
    assert.equal(helper[0].severity, 1);
    assert.equal(helper[0].range.start.line, 1);
    assert.match(helper[0].message, /^helm template fails: /);
    // ... and the template's finding is gone: a failed render reports no findings
    assert.deepEqual(await c.diagnostics(du, 2, since), []);
  });

  it('a failing `required` is one error diagnostic at the failing call, and no findings', async () => {
    const f = writeChart(dir);
    const text = DEPLOY.replace('{{ .Values.image }}', '{{ required "image.repository is required" .Values.repo }}');
    writeFileSync(f.deploy, text);
    const c = await start({ root: dir });
    const since = c.mark();
    c.open(uriOf(f.deploy), text);
    const d = await c.diagnostics(uriOf(f.deploy), 1, since);
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'render-error');
    assert.equal(d[0].range.start.line, 13);
    assert.equal(d[0].range.start.character, text.split('\n')[13].indexOf('required'));
    assert.deepEqual(d[0].range, { start: { line: 13, character: 20 }, end: { line: 13, character: 72 } });
    assert.equal(d[0].message, 'helm template fails: execution error at (web/templates/deploy.yaml:14:20): image.repository is required');
  });

  it('the quick fix on a values.yaml finding edits values.yaml with the exact text', async () => {
    const f = writeChart(dir);
    const c = await start({ root: dir });
    const vu = uriOf(f.values);
    const since = c.mark();
    c.open(vu, VALUES);
    const diags = await c.diagnostics(vu, 1, since);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: vu }, range: diags[0].range, context: { diagnostics: diags, only: ['quickfix'] } });
    const fix = actions.find((a: any) => a.isPreferred);
    assert.equal(fix.title, 'Set securityContext.privileged: false in values.yaml');
    assert.deepEqual(Object.keys(fix.edit.changes), [vu]);
    assert.equal(applyLspEdits(VALUES, fix.edit.changes[vu]), VALUES.replace('privileged: true', 'privileged: false'));
  });

  it('hover on a template line shows the rendered text; Show Rendered Manifest returns the render', async () => {
    const f = writeChart(dir);
    const c = await start({ root: dir });
    const du = uriOf(f.deploy);
    const since = c.mark();
    c.open(du, DEPLOY);
    await c.diagnostics(du, 1, since);
    const h = await c.request('textDocument/hover', { textDocument: { uri: du }, position: { line: 3, character: 4 } });
    assert.equal(h.contents.value, '**Rendered** (helm template of `chart`):\n\n```yaml\n  name: web-app\n```');
    const r = await c.request('kubehex/renderedManifest', { uri: du });
    assert.equal(r.root, join(dir, 'chart'));
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, `---\n# Source: web/templates/deploy.yaml\n${DEPLOY.replace('{{ include "web.name" . }}', 'web-app').replace('{{ .Values.image }}', 'nginx:1.27').replace('{{ .Values.securityContext.privileged }}', 'true')}`);
  });

  it('pull mode: an edit of values.yaml makes the client re-pull, and the template\'s report changes without a new version', async () => {
    const f = writeChart(dir);
    const lit = DEPLOY.replace('{{ .Values.securityContext.privileged }}', '{{ if .Values.extra }}false{{ else }}true{{ end }}');
    writeFileSync(f.deploy, lit);
    const c = await start({ root: dir, pull: true });
    const [vu, du] = [uriOf(f.values), uriOf(f.deploy)];
    c.open(vu, VALUES);
    c.open(du, lit);
    const r1 = await c.request('textDocument/diagnostic', { textDocument: { uri: du } });
    assert.deepEqual(brief(r1.items), [['privileged-container', 15, 12, 15, 24]]);
    // values.yaml turns `extra` on: the template's literal `true` is no longer rendered
    const since = c.mark();
    c.change(vu, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'extra: true\n' }]);
    await c.request('textDocument/diagnostic', { textDocument: { uri: vu } });
    await c.waitFor((m) => m.method === 'workspace/diagnostic/refresh', since, 'diagnostic refresh');
    const r2 = await c.request('textDocument/diagnostic', { textDocument: { uri: du }, previousResultId: r1.resultId });
    assert.equal(r2.kind, 'full');
    assert.deepEqual(r2.items, []);
  });

  it('kustomize: editing a patch re-builds the overlay and updates the base, which is not open; a build error sits on the kustomization entry', async () => {
    mkdirSync(join(dir, 'base'), { recursive: true });
    mkdirSync(join(dir, 'overlay'), { recursive: true });
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    const base = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
`;
    writeFileSync(join(dir, 'base', 'deployment.yaml'), base);
    const kust = 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n';
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), kust);
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: false\n';
    writeFileSync(join(dir, 'overlay', 'patch.yaml'), patch);
    const c = await start({ root: dir });
    const [pu, bu, ku] = [uriOf(join(dir, 'overlay', 'patch.yaml')), uriOf(join(dir, 'base', 'deployment.yaml')), uriOf(join(dir, 'overlay', 'kustomization.yaml'))];
    let since = c.mark();
    c.open(pu, patch);
    assert.deepEqual(await c.diagnostics(pu, 1, since), []);
    // the patch stops setting privileged: the base's value reaches the cluster, and the base shows it
    since = c.mark();
    c.change(pu, 2, replaceLine(10, 12, 22, 'readOnlyRootFilesystem'));
    assert.deepEqual(await c.diagnostics(pu, 2, since), []);
    const onBase = await c.diagnostics(bu, undefined, since);
    assert.deepEqual(brief(onBase), [['privileged-container', 15, 12, 15, 28]]);
    assert.match(onBase[0].relatedInformation.map((r: any) => r.message).join('\n'), /overlay/);
    // a missing resource: one error on its kustomization entry, and the base's finding is withdrawn
    since = c.mark();
    c.open(ku, kust);
    c.change(ku, 2, replaceLine(1, 4, 11, 'missing.yaml'));
    const err = await c.diagnostics(ku, 2, since);
    assert.equal(err.length, 1);
    assert.equal(err[0].code, 'render-error');
    assert.equal(err[0].range.start.line, 1);
    assert.match(err[0].message, /^kustomize build fails: .*missing\.yaml/);
    assert.deepEqual(await c.diagnostics(bu, undefined, since), []);
  });

  it('kustomize: a base finding shared by two overlays offers the base edit (with its reach) and a patch in one overlay', async () => {
    const base = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n';
    mkdirSync(join(dir, 'base'), { recursive: true });
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    writeFileSync(join(dir, 'base', 'deployment.yaml'), base);
    for (const o of ['a', 'b']) {
      mkdirSync(join(dir, 'overlays', o), { recursive: true });
      writeFileSync(join(dir, 'overlays', o, 'kustomization.yaml'), `namespace: team-${o}\nresources:\n  - ../../base\n`);
    }
    const c = await start({ root: dir });
    const bu = uriOf(join(dir, 'base', 'deployment.yaml'));
    const since = c.mark();
    c.open(bu, base);
    const diags = (await c.diagnostics(bu, 1, since)).filter((d: any) => d.code === 'privileged-container');
    // one diagnostic, not one per overlay that builds the base: the overlays are in its chain, as the CLI reports it
    assert.deepEqual(brief(diags), [['privileged-container', 15, 12, 15, 28]]);
    assert.deepEqual(diags[0].relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line, r.message]), [
      [uriOf(join(dir, 'overlays/a/kustomization.yaml')), 2, 'via overlay a'],
      [uriOf(join(dir, 'overlays/b/kustomization.yaml')), 2, 'via overlay b'],
    ]);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: bu }, range: diags[0].range, context: { diagnostics: [diags[0]], only: ['quickfix'] } });
    const fixes = actions.filter((a: any) => a.edit && !/^Disable/.test(a.title));
    assert.deepEqual(fixes.map((a: any) => [a.title, a.isPreferred]), [
      ['Set privileged: false in base/deployment.yaml (affects 2 overlays)', true],
      ['Set privileged: false with a patch in kustomization.yaml (this overlay only)', false],
    ]);
    assert.deepEqual(Object.keys(fixes[0].edit.changes), [bu]);
    assert.equal(applyLspEdits(base, fixes[0].edit.changes[bu]), base.replace('privileged: true', 'privileged: false'));
    const ku = uriOf(join(dir, diags[0].data.rendered.slice(dir.length + 1), 'kustomization.yaml'));
    assert.deepEqual(Object.keys(fixes[1].edit.changes), [ku]);
    const kust = readFileSync(join(diags[0].data.rendered, 'kustomization.yaml'), 'utf8');
    assert.equal(applyLspEdits(kust, fixes[1].edit.changes[ku]), `${kust}patches:
- target:
    kind: Deployment
    name: web
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
            - name: app
              securityContext:
                privileged: false
`);
  });

  it('uses the .kubehex.yaml helm section for the chart in a trusted workspace, and ignores it in an untrusted one', async () => {
    const f = writeChart(dir);
    writeFileSync(join(dir, 'chart', 'values-prod.yaml'), 'securityContext:\n  privileged: false\n');
    writeFileSync(join(dir, '.kubehex.yaml'), 'helm:\n  charts:\n    chart:\n      values: [chart/values-prod.yaml]\n');
    for (const trusted of [true, false]) {
      const c = await start({ root: dir, initializationOptions: { isTrusted: trusted } });
      const since = c.mark();
      c.open(uriOf(f.values), VALUES);
      const d = (await c.diagnostics(uriOf(f.values), 1, since)).filter((x) => x.code === 'privileged-container');
      assert.deepEqual(brief(d), trusted ? [] : [['privileged-container', 2, 2, 2, 18]], `trusted: ${trusted}`);
    }
  });

  it('workspace scan: kustomizations named `Kustomization` are found, and a base finding reached by three overlays is one item', async () => {
    const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n';
    mkdirSync(join(dir, 'base'), { recursive: true });
    writeFileSync(join(dir, 'base', 'Kustomization'), 'resources:\n  - pod.yaml\n');
    writeFileSync(join(dir, 'base', 'pod.yaml'), base);
    for (const o of ['a', 'b', 'c']) {
      mkdirSync(join(dir, 'overlays', o), { recursive: true });
      writeFileSync(join(dir, 'overlays', o, 'Kustomization'), `namespace: team-${o}\nresources:\n  - ../../base\n`);
    }
    const c = await start({ root: dir });
    const since = c.mark();
    const r = await c.request('kubehex/scanWorkspace', {});
    const priv = r.items.filter((i: any) => i.ruleId === 'privileged-container');
    assert.deepEqual(priv.map((i: any) => [i.uri, i.range.start.line, i.range.start.character]), [[uriOf(join(dir, 'base', 'pod.yaml')), 9, 8]]);
    // the closed base file gets one diagnostic, the three overlays in its chain
    const onBase = (await c.diagnostics(uriOf(join(dir, 'base', 'pod.yaml')), undefined, since)).filter((d: any) => d.code === 'privileged-container');
    assert.deepEqual(onBase[0].relatedInformation.map((x: any) => [x.location.uri, x.message]), ['a', 'b', 'c'].map((o) => [uriOf(join(dir, 'overlays', o, 'Kustomization')), `via overlay ${o}`]));
    assert.equal(onBase.length, 1);
  });

  it('the workspace scan and the posture report include rendered findings and render errors; the chart\'s files are not linted alone', async () => {
    const f = writeChart(dir);
    mkdirSync(join(dir, 'broken', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'Chart.yaml'), 'apiVersion: v2\nname: broken\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'broken', 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ fail "no" }}\n');
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n');
    const c = await start({ root: dir });
    const since = c.mark();
    const r = await c.request('kubehex/scanWorkspace', {});
    assert.deepEqual(r.items.map((i: any) => [i.uri, i.ruleId, i.category, i.range.start.line]), [
      [uriOf(f.values), 'privileged-container', 'container', 2],
      [uriOf(join(dir, 'pod.yaml')), 'privileged-container', 'container', 9],
    ]);
    assert.deepEqual(r.errors, [{ uri: uriOf(join(dir, 'broken', 'templates', 'cm.yaml')), message: 'helm template fails: execution error at (broken/templates/cm.yaml:4:11): no' }]);
    // closed files of the render get their diagnostics, with the template in relatedInformation
    const onValues = await c.diagnostics(uriOf(f.values), undefined, since);
    assert.deepEqual(brief(onValues), [['privileged-container', 2, 2, 2, 18]]);
    assert.equal(onValues[0].relatedInformation[0].location.uri, uriOf(f.deploy));
    const onBroken = await c.diagnostics(uriOf(join(dir, 'broken', 'templates', 'cm.yaml')), undefined, since);
    assert.deepEqual(onBroken.map((d: any) => [d.code, d.range.start.line, d.range.start.character]), [['render-error', 3, 11]]);
    const report = await c.request('kubehex/report', { format: 'json' });
    const found = report.data.findings.map((x: any) => [x.file, x.ruleId, x.rendered?.source ?? null]).sort();
    assert.deepEqual(found, [['chart/values.yaml', 'privileged-container', 'chart'], ['pod.yaml', 'privileged-container', null]]);
  });
});
