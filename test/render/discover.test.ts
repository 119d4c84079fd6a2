import * as assert from 'node:assert/strict';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import { consumedFiles, discoverRoots, memoryFs, renderSource, SourceMap, topLevelSources, type Renderer, type RenderResult } from '../../render';

describe('render: discovering charts and kustomizations', () => {
  const fs = memoryFs({
    '/w/chart/Chart.yaml': 'name: c\n', '/w/chart/values.yaml': '', '/w/chart/charts/sub/Chart.yaml': 'name: s\n',
    '/w/k/base/kustomization.yaml': 'resources: [d.yaml]\n', '/w/k/base/d.yaml': 'x: 1\n',
    '/w/k/prod/kustomization.yaml': 'resources: [../base]\n', '/w/plain.yaml': 'a: 1\n',
  });
  const fake = (kind: 'helm' | 'kustomize', marker: string): Renderer => ({
    kind,
    isRoot: (f, dir) => f.stat(`${dir}/${marker}`) === 'file',
    render(_f, root): RenderResult {
      const inputs = root === '/w/k/prod' ? ['/w/k/prod/kustomization.yaml', '/w/k/base/kustomization.yaml', '/w/k/base/d.yaml']
        : root === '/w/k/base' ? ['/w/k/base/kustomization.yaml', '/w/k/base/d.yaml'] : [`${root}/values.yaml`];
      return { kind, root, text: '', map: new SourceMap([]), inputs: inputs.map((file) => ({ file, reason: kind === 'helm' ? 'template-source' : 'kustomize-input' })), errors: [], notes: [] };
    },
  });
  const renderers = [fake('helm', 'Chart.yaml'), fake('kustomize', 'kustomization.yaml')];
  const files = ['/w/chart/Chart.yaml', '/w/chart/values.yaml', '/w/chart/charts/sub/Chart.yaml', '/w/k/base/kustomization.yaml', '/w/k/base/d.yaml', '/w/k/prod/kustomization.yaml', '/w/plain.yaml'];

  it('finds chart and kustomization roots, leaving subcharts to their parent', () => {
    assert.deepEqual(discoverRoots(fs, files, renderers).map((r) => [r.root, r.renderer.kind]), [['/w/chart', 'helm'], ['/w/k/base', 'kustomize'], ['/w/k/prod', 'kustomize']]);
  });

  it('keeps as roots only the kustomizations no other one builds, unless configured', () => {
    const set = resolveRules(rules, undefined, 'recommended');
    const sources = discoverRoots(fs, files, renderers).map((r) => renderSource(fs, r.root, r.renderer, {}, set));
    assert.deepEqual(topLevelSources(sources).map((s) => s.root), ['/w/chart', '/w/k/prod']);
    assert.deepEqual(topLevelSources(sources, ['/w/k/base']).map((s) => s.root), ['/w/chart', '/w/k/base']);
    assert.deepEqual([...consumedFiles(topLevelSources(sources))], [
      ['/w/chart/values.yaml', 'template-source'], ['/w/k/prod/kustomization.yaml', 'kustomize-input'],
      ['/w/k/base/kustomization.yaml', 'kustomize-input'], ['/w/k/base/d.yaml', 'kustomize-input'],
    ]);
  });
});
