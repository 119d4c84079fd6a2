import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../engine';
import { takeRenderFlags } from '../../cli/render-flags';
import { scan } from '../../cli/scan';
import { UsageError } from '../../cli/usage';
import { optionsForRoot, renderers, type ReadOnlyFs, type RenderOptions, type RenderResult } from '../../render';
import { rules } from '../../rules';
import { POD, VALUES, toyRender } from '../render/toy-renderer';

/** The toy chart renderer, reading the last values file the options name (else the chart's values.yaml). */
const seen: RenderOptions[] = [];
const valuesRenderer = {
  kind: 'helm' as const,
  isRoot: (fs: ReadOnlyFs, dir: string) => fs.stat(`${dir}/values.yaml`) === 'file',
  render(fs: ReadOnlyFs, root: string, options: RenderOptions): RenderResult {
    seen.push(options);
    return toyRender(fs, root, options.helm?.values?.at(-1));
  },
};

const PROD_VALUES = `# production
resources:
  requests: 2
sec:
  privileged: true
`;

describe('cli: scan takes the render flags and .kubehex.yaml helm/kustomize settings', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-renderux-')));
    mkdirSync(join(dir, 'chart/templates'), { recursive: true });
    writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: toy\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart/values.yaml'), VALUES);
    writeFileSync(join(dir, 'chart/templates/a.yaml'), POD('a'));
    writeFileSync(join(dir, 'prod-values.yaml'), PROD_VALUES);
    renderers.unshift(valuesRenderer);
  });
  after(() => {
    renderers.splice(renderers.indexOf(valuesRenderer), 1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the render flags out of argv, repeatable ones in order, and leaves the rest', () => {
    const { rest, render } = takeRenderFlags(['scan', 'x', '--values', 'a.yaml', '--values=b.yaml', '--set', 'a.b=1', '--release-name', 'r',
      '--namespace', 'ns', '--kube-version', '1.29', '--api-versions', 'x/v1', '--include-crds', '--skip-tests', '--load-restrictor', 'LoadRestrictionsNone', '--format', 'json']);
    assert.deepEqual(rest, ['scan', 'x', '--format', 'json']);
    assert.deepEqual(render, {
      helm: { values: ['a.yaml', 'b.yaml'], set: ['a.b=1'], releaseName: 'r', namespace: 'ns', kubeVersion: '1.29', apiVersions: ['x/v1'], includeCrds: true, skipTests: true },
      kustomize: { loadRestrictor: 'LoadRestrictionsNone' },
    });
    assert.throws(() => takeRenderFlags(['scan', '--load-restrictor', 'Nope']), (e: Error) => e instanceof UsageError && e.message === '--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone');
    assert.throws(() => takeRenderFlags(['scan', '--set', 'novalue']), (e: Error) => e.message === '--set novalue: expected KEY=VALUE');
  });

  it('puts per-chart settings over the command-line defaults, paths relative to the config file', () => {
    const config = { helm: { charts: { './chart/': { values: ['prod-values.yaml'], set: { 'image.tag': 'v2', replicas: 3 }, releaseName: 'web' } } } };
    const base: RenderOptions = { helm: { values: ['/cli.yaml'], set: ['a=1'], releaseName: 'cli', namespace: 'ns' } };
    assert.deepEqual(optionsForRoot(join(dir, 'chart'), base, config, dir), {
      helm: { values: ['/cli.yaml', join(dir, 'prod-values.yaml')], set: ['a=1', 'image.tag=v2', 'replicas=3'], releaseName: 'web', namespace: 'ns' },
    });
    assert.equal(optionsForRoot(join(dir, 'other'), base, config, dir), base);
  });

  it('a values file chosen in .kubehex.yaml moves the finding to that file and line', async () => {
    const files = ['chart/Chart.yaml', 'chart/values.yaml', 'chart/templates/a.yaml'].map((f) => join(dir, f));
    const plainRes = await scan({ files });
    const at = (res: typeof plainRes) => res.results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => [r.file.slice(dir.length + 1), f.range]));
    assert.deepEqual(at(plainRes), [['chart/values.yaml', { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } }]]);
    const parsed = parseConfig('helm:\n  charts:\n    chart:\n      values: [prod-values.yaml]\n      namespace: prod\n', '.kubehex.yaml', rules);
    assert.ok('config' in parsed);
    seen.length = 0;
    const res = await scan({ files, config: parsed.config, configDir: dir, render: { helm: { releaseName: 'r1' } } });
    assert.deepEqual(at(res), [['prod-values.yaml', { start: { line: 4, character: 2 }, end: { line: 4, character: 18 } }]]);
    assert.deepEqual(seen, [{ helm: { releaseName: 'r1', values: [join(dir, 'prod-values.yaml')], namespace: 'prod' } }]);
  });

  it('validates helm and kustomize sections with file:line errors', () => {
    const res = parseConfig('helm:\n  charts:\n    chart:\n      values: prod.yaml\n      release: x\nkustomize:\n  roots: overlays\n', '.kubehex.yaml', rules);
    assert.ok('errors' in res);
    assert.deepEqual(res.errors.map((e) => `${e.line}:${e.character}: ${e.message}`), [
      '4:7: helm.charts.chart.values: expected a list',
      '5:7: unknown setting "release" at helm.charts.chart; expected one of: values, set, releaseName, namespace',
      '7:3: kustomize.roots: expected a list',
    ]);
  });
});
