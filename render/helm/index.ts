import { joinPath, type ReadOnlyFs } from '../fs';
import type { HelmOptions, RenderOptions, RenderResult, Renderer } from '../types';
import { parseKubeVersion } from './capabilities';
import { parseSet, StrvalsError } from './strvals';
import type { TemplateEngine } from './engine-api';
import { renderChart, type ChartRenderOptions } from './render-chart';
import { keepPrintedDocuments } from './manifests';
import { keepParsedTemplates } from './engine';

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

/**
 * For a long-lived caller that renders the same charts again (the language server, on every keystroke): keep
 * parsed templates and printed documents across renders while their text is unchanged, up to about `maxChars`
 * characters of each (0: stop keeping). A one-off render (the CLI) keeps nothing.
 */
export function keepHelmRenders(maxChars: number): void {
  keepParsedTemplates(maxChars);
  keepPrintedDocuments(maxChars);
}
export type { TemplateEngine } from './engine-api';
export { INSTALL_ORDER, splitManifests } from './manifests';
export { DEFAULT_API_VERSIONS, HELM_VERSION, parseKubeVersion } from './capabilities';
export { parseSet } from './strvals';
export { isCompatibleRange, parseVersion } from './semver';
export { ValueOrigins, type ValueSource } from './value-origins';

/**
 * What is wrong with the Helm flags themselves (a `--set` that strvals cannot parse, a `--kube-version` that is not
 * a version), in Helm's wording; undefined when they are fine. The CLI reports these as usage errors (exit 2),
 * before any chart is read.
 */
export function helmFlagError(h: HelmOptions): string | undefined {
  for (const [flag, list] of [['--set', h.set], ['--set-string', h.setString]] as const) {
    for (const s of list ?? []) {
      try { parseSet(s, {}, { asString: flag === '--set-string' }); } catch (e) {
        if (e instanceof StrvalsError) return `failed parsing ${flag} data: ${e.message}`;
        throw e;
      }
    }
  }
  if (h.kubeVersion !== undefined && !parseKubeVersion(h.kubeVersion)) return `invalid kube version '${h.kubeVersion}': Invalid Semantic Version`;
  return undefined;
}
