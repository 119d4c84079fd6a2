import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatJson } from '../../cli/format';
import { scan } from '../../cli/scan';
import { renderers } from '../../render';
import { POD, VALUES, toyRenderer } from '../render/toy-renderer';

describe('cli: scan renders charts and reports findings where they were written', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-rendered-')));
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

  it('lints the rendered chart, maps to values.yaml with trace and rendered, and skips the template sources', async () => {
    const files = ['chart/Chart.yaml', 'chart/values.yaml', 'chart/templates/a.yaml'].map((f) => join(dir, f));
    const res = await scan({ files });
    const cwd = process.cwd();
    process.chdir(dir);
    let json: { findings: Array<Record<string, unknown>> };
    try { json = JSON.parse(formatJson(res)); } finally { process.chdir(cwd); }
    const priv = json.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.equal(priv.length, 1);
    assert.equal(priv[0].file, 'chart/values.yaml');
    assert.deepEqual(priv[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
    assert.deepEqual(priv[0].rendered, { source: 'chart' });
    assert.deepEqual((priv[0].trace as Array<{ file: string; note: string }>).map((t) => [t.file, t.note]), [['chart/templates/a.yaml', 'template action']]);
    assert.equal(priv[0].fixable, false);
    // `kubehex scan .` inside the chart: the chart is `.`, like every other path relative to the working directory
    process.chdir(join(dir, 'chart'));
    try { json = JSON.parse(formatJson(res)); } finally { process.chdir(cwd); }
    const inChart = json.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(inChart.map((f) => [f.file, f.rendered, (f.trace as Array<{ file: string }>).map((t) => t.file)]), [['values.yaml', { source: '.' }, ['templates/a.yaml']]]);
    const skipped = res.results.filter((r) => r.skipped).map((r) => [r.file.slice(dir.length + 1), r.skipped]);
    // the toy renderer does not read Chart.yaml, so it is linted alone and listed as not Kubernetes
    assert.deepEqual(skipped, [['chart/Chart.yaml', 'not-kubernetes'], ['chart/values.yaml', 'template-source'], ['chart/templates/a.yaml', 'template-source']]);
  });

  it('reports helm template output on stdin against the # Source: template paths, with stdin line ranges', async () => {
    const stdin = `---\n# Source: toy/templates/a.yaml\n${POD('a').replace('{{ .sec.privileged }}', 'true').replace('{{ map .resources 8 }}', ' {}')}---\n# Source: toy/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n`;
    const res = await scan({ files: [], stdin });
    const priv = res.results.flatMap((r) => r.findings.map((f) => [r.file, f.ruleId, f.range.start.line] as const)).filter((x) => x[1] === 'privileged-container');
    assert.deepEqual(priv, [['toy/templates/a.yaml', 'privileged-container', 12]]);
  });
});
