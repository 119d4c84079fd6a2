/**
 * A chart as loaded from a directory or a `.tgz` (render/helm/chart-load.ts): what Helm's loader produces, with
 * the absolute path of every file for provenance. Files inside an archive have a virtual path below the
 * archive (`/abs/chart/charts/common-2.0.0.tgz/common/templates/_x.tpl`): they can be pointed at, not edited.
 */
export interface ChartFile {
  /** Path relative to the chart root, `/`-separated (`templates/deployment.yaml`, `files/a.txt`). */
  name: string;
  /** Absolute path (virtual for archive members). */
  path: string;
  bytes(): Uint8Array | undefined;
  text(): string | undefined;
}

export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias: string;
}

export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: Array<{ name: string; email: string; url: string }>;
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: Dependency[];
  type: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** Directory of the chart (or the virtual directory inside an archive). */
  dir: string;
  /** The `.tgz` this chart was read from, when it was. */
  archive?: string;
  chartYaml: ChartFile;
  valuesFile?: ChartFile;
  /** values.yaml as parsed (Go values). */
  values: Record<string, unknown>;
  schemaFile?: ChartFile;
  templates: ChartFile[];
  /** Everything `.Files` can see: not Chart.yaml, values.yaml, values.schema.json, templates/ or charts/. */
  files: ChartFile[];
  /** Subcharts (charts/), after dependency processing: enabled ones, aliases applied. */
  dependencies: Chart[];
  parent?: Chart;
}

export function chartName(c: Chart): string { return c.metadata.name; }

/** `parent/charts/sub` as Helm names a chart in template names and `# Source:` headers. */
export function chartFullPath(c: Chart): string {
  return c.parent ? `${chartFullPath(c.parent)}/charts/${c.metadata.name}` : c.metadata.name;
}

export function isLibrary(c: Chart): boolean { return c.metadata.type === 'library'; }

/** Errors while loading, rendering or validating, with Helm's wording and the file at fault. */
export class HelmError extends Error {
  constructor(message: string, readonly file: string, readonly range?: import('../../engine').Range) { super(message); }
}
