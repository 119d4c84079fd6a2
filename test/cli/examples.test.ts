import * as assert from 'node:assert/strict';
import { kubehex } from './helpers';

/** The bundled examples are the README's first command: their chart and overlay findings must land in the sources. */
describe('cli: the bundled Helm chart and Kustomize overlay examples', function () {
  this.timeout(60000);

  it('reports the chart finding on values.yaml and the overlay finding on its patch, with the trace', () => {
    const r = kubehex(['scan', 'examples/helm-chart', 'examples/kustomize', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors, []);
    const at = (id: string) => out.findings.find((f: { ruleId: string }) => f.ruleId === id);
    const priv = at('privileged-container');
    assert.deepEqual([priv.file, priv.range], ['examples/helm-chart/values.yaml', { start: { line: 18, character: 2 }, end: { line: 18, character: 18 } }]);
    assert.deepEqual(priv.trace.map((t: { file: string; range: { start: { line: number } }; note: string }) => [t.file, t.range.start.line, t.note]),
      [['examples/helm-chart/templates/deployment.yaml', 28, '{{- toYaml .Values.securityContext | nindent 12 }}']]);
    assert.equal(priv.rendered.source, 'examples/helm-chart');
    const pid = at('host-pid');
    assert.deepEqual([pid.file, pid.range], ['examples/kustomize/overlays/prod/host-debug.yaml', { start: { line: 8, character: 6 }, end: { line: 8, character: 19 } }]);
    assert.deepEqual(pid.trace.map((t: { file: string; note: string }) => [t.file, t.note]), [['examples/kustomize/overlays/prod/kustomization.yaml', 'patch host-debug.yaml']]);
    const skipped = out.skipped.map((s: { file: string; reason: string }) => `${s.reason} ${s.file}`).sort();
    assert.deepEqual(skipped, [
      'kustomize-input examples/kustomize/base/deployment.yaml',
      'kustomize-input examples/kustomize/base/kustomization.yaml',
      'kustomize-input examples/kustomize/overlays/prod/host-debug.yaml',
      'kustomize-input examples/kustomize/overlays/prod/kustomization.yaml',
      'template-source examples/helm-chart/Chart.yaml',
      'template-source examples/helm-chart/templates/deployment.yaml',
      'template-source examples/helm-chart/templates/service.yaml',
      'template-source examples/helm-chart/values.yaml',
    ]);
  });
});
