import { joinPath, type ReadOnlyFs } from '../fs';
import type { RenderOptions, RenderResult, Renderer } from '../types';
import type { TemplateEngine } from './engine-api';
import { renderChart, type ChartRenderOptions } from './render-chart';

/**
 * Helm charts (render/helm): the chart layer — loading, values, dependencies, schema, ordering, output — over the
 * Go template engine of render/helm/template. See README.md in this folder.
 */
export function isChartRoot(fs: ReadOnlyFs, dir: string): boolean {
  return fs.stat(joinPath(dir, 'Chart.yaml')) === 'file';
}

/** A Renderer for charts on the given template engine. */
export function helmRendererWith(engine: TemplateEngine, defaults: { kubernetesVersion?: string } = {}): Renderer {
  return {
    kind: 'helm',
    isRoot: isChartRoot,
    render(fs: ReadOnlyFs, root: string, options: RenderOptions): RenderResult {
      const opts: ChartRenderOptions = { ...options, defaultKubeVersion: defaults.kubernetesVersion };
      return renderChart(fs, root, opts, engine);
    },
  };
}

export { renderChart, type ChartRenderOptions } from './render-chart';
export type { TemplateEngine } from './engine-api';
export { INSTALL_ORDER, splitManifests } from './manifests';
export { DEFAULT_API_VERSIONS, HELM_VERSION, parseKubeVersion } from './capabilities';
export { parseSet } from './strvals';
export { isCompatibleRange, parseVersion } from './semver';
export { ValueOrigins, type ValueSource } from './value-origins';
