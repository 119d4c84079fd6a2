import { LineIndex, type PreparedDoc, type Range } from '../../engine';
import type { ReadOnlyFs } from '../fs';
import { SourceMap } from '../source-map';
import { DEFAULT_LIMITS, RenderCancelled, type RenderDiagnostic, type RenderOptions, type RenderResult } from '../types';
import { HelmError, type Chart } from './chart';
import { loadChart } from './chart-load';
import { DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, parseKubeVersion } from './capabilities';
import { Coalescer } from './coalesce';
import { checkDependencies, processDependencies } from './dependencies';
import type { TemplateEngine } from './engine-api';
import { executeCharts } from './execute';
import { assemble, sortManifests, type CrdFile } from './manifests';
import { validateSchemas } from './schema';
import { isCompatibleRange } from './semver';
import { ValueOrigins } from './value-origins';
import { userValues } from './values';

/**
 * `helm template` for one chart directory, in process (Helm 3.12 semantics): load, check dependencies and the
 * release name, build the user's values, enable subcharts, coalesce, validate against values.schema.json, check
 * Chart.yaml kubeVersion, execute every template, split and order the manifests. A failure at any step gives
 * one error with Helm's wording and empty text.
 */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface ChartRenderOptions extends RenderOptions {
  /** Kubernetes version when --kube-version is not given (kubehex's configured kubernetesVersion). */
  defaultKubeVersion?: string;
}

export function renderChart(fs: ReadOnlyFs, root: string, options: ChartRenderOptions, engine: TemplateEngine): RenderResult {
  const read = new Set<string>();
  const notes: RenderDiagnostic[] = [];
  const h = options.helm ?? {};
  const base = { kind: 'helm' as const, root, values: [...(h.values ?? [])] };
  const result = (text: string, map: SourceMap, errors: RenderDiagnostic[], documents?: PreparedDoc[]): RenderResult => ({
    ...base, text, map, errors, notes: errors.length ? [] : notes, ...(documents ? { documents } : {}),
    inputs: [...read].sort().map((file) => ({ file, reason: 'template-source' as const })),
  });
  try {
    const out = renderSteps(fs, root, options, engine, read, notes);
    return result(out.text, out.map, [], out.docs);
  } catch (e) {
    if (e instanceof RenderCancelled) throw e;
    if (e instanceof HelmError) return result('', new SourceMap([]), [{ file: e.file || root, range: e.range, message: e.message }]);
    throw e;
  }
}

function renderSteps(fs: ReadOnlyFs, root: string, options: ChartRenderOptions, engine: TemplateEngine, read: Set<string>, notes: RenderDiagnostic[]) {
  const h = options.helm ?? {};
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const deadline = Date.now() + limits.timeBudgetMs;
  const check = () => {
    if (options.cancelled?.()) throw new RenderCancelled();
    if (Date.now() > deadline) throw new HelmError(`render took longer than ${limits.timeBudgetMs} ms`, root);
  };
  const origins = new ValueOrigins();
  const co = new Coalescer(origins);
  const chart = loadChart({ fs, origins, read }, root);
  if (chart.metadata.type && chart.metadata.type !== 'application') throw new HelmError(`${chart.metadata.type} charts are not installable`, chart.chartYaml.path);
  checkDependencies(chart);
  const kube = parseKubeVersion(h.kubeVersion ?? options.defaultKubeVersion ?? DEFAULT_KUBE_VERSION);
  if (!kube) throw new HelmError(`invalid kube version '${h.kubeVersion ?? options.defaultKubeVersion}': Invalid Semantic Version`, chart.chartYaml.path);
  const user = userValues(fs, { files: h.values ?? [], set: h.set ?? [], setString: h.setString ?? [], makeInt: (n) => engine.int(n, 'int64') }, origins, co, read);
  const releaseName = h.releaseName ?? 'release-name';
  if (!RELEASE_NAME.test(releaseName) || releaseName.length > 53) {
    throw new HelmError(`release name "${releaseName}": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`, root);
  }
  check();
  processDependencies(chart, user, co);
  const values = co.coalesce(chart, co.clone(user));
  validateSchemas(chart, values);
  if (chart.metadata.kubeVersion && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    throw new HelmError(`chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`, chart.chartYaml.path, kubeVersionRange(chart));
  }
  check();
  const rendered = executeCharts(chart, values, {
    engine, origins, limits, check, notes,
    release: { name: releaseName, namespace: h.namespace ?? 'default', namespaceGiven: h.namespace !== undefined, isUpgrade: !!h.isUpgrade, revision: 1 },
    kube, apiVersions: [...DEFAULT_API_VERSIONS, ...(h.apiVersions ?? [])],
  });
  const templates = rendered.filter((t) => !t.name.endsWith('NOTES.txt'));
  const { manifests, hooks } = sortManifests(templates, { skipTests: h.skipTests });
  const crds = h.includeCrds ? crdFiles(chart, read) : [];
  const out = assemble(crds, manifests, hooks);
  if (out.text.length > limits.maxOutput) throw new HelmError(`rendered output is larger than ${limits.maxOutput} characters`, root);
  return out;
}

/** Files of crds/ (YAML or JSON), the chart's then its subcharts', as `--include-crds` prints them. */
function crdFiles(chart: Chart, read: Set<string>): CrdFile[] {
  const out: CrdFile[] = [];
  for (const f of chart.files) {
    if (!f.name.startsWith('crds/') || !/\.(ya?ml|json)$/.test(f.name)) continue;
    out.push({ source: f.name, file: f.path, text: f.text() ?? '' });
    read.add(f.path);
  }
  for (const d of chart.dependencies) out.push(...crdFiles(d, read));
  return out;
}

function kubeVersionRange(chart: Chart): Range | undefined {
  const text = chart.chartYaml.text() ?? '';
  const m = /^kubeVersion:.*$/m.exec(text);
  if (!m) return undefined;
  const li = new LineIndex(text);
  return li.range(m.index, m.index + m[0].length);
}

