import { parseDocument } from 'yaml';
import { YAML_OPTIONS } from '../../engine';
import { HelmError, type ChartMetadata, type Dependency } from './chart';
import { parseVersion } from './semver';
import { goYamlError } from './yaml-errors';

/** Chart.yaml as Helm reads it (unknown fields ignored, `apiVersion` defaults to v1), then validated with Helm's wording. */
export function parseChartYaml(text: string, file: string): ChartMetadata {
  const doc = parseDocument(text, { ...YAML_OPTIONS, uniqueKeys: false } as never);
  if (doc.errors.length) throw new HelmError(`cannot load Chart.yaml: error converting YAML to JSON: ${goYamlError(text, doc.errors[0])}`, file);
  const raw = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new HelmError('cannot load Chart.yaml: error unmarshaling JSON: json: cannot unmarshal into Go value of type chart.Metadata', file);
  const md: ChartMetadata = {
    name: str(raw.name), home: str(raw.home), sources: strList(raw.sources), version: str(raw.version),
    description: str(raw.description), keywords: strList(raw.keywords),
    maintainers: list(raw.maintainers).map((m) => ({ name: str(field(m, 'name')), email: str(field(m, 'email')), url: str(field(m, 'url')) })),
    icon: str(raw.icon), apiVersion: str(raw.apiVersion) || 'v1', condition: str(raw.condition), tags: str(raw.tags),
    appVersion: str(raw.appVersion), deprecated: raw.deprecated === true, annotations: strMap(raw.annotations),
    kubeVersion: str(raw.kubeVersion), dependencies: list(raw.dependencies).map(dependency), type: str(raw.type),
  };
  validate(md, file);
  return md;
}

/** `dependencies:` of an apiVersion v1 chart's requirements.yaml. */
export function parseRequirements(text: string): Dependency[] {
  const doc = parseDocument(text, { ...YAML_OPTIONS, uniqueKeys: false } as never);
  const raw = doc.errors.length ? {} : (doc.toJS() ?? {}) as Record<string, unknown>;
  return list(raw.dependencies).map(dependency);
}

function dependency(d: unknown): Dependency {
  return {
    name: str(field(d, 'name')), version: str(field(d, 'version')), repository: str(field(d, 'repository')),
    condition: str(field(d, 'condition')), tags: strList(field(d, 'tags')), enabled: field(d, 'enabled') === true,
    importValues: list(field(d, 'import-values')), alias: str(field(d, 'alias')),
  };
}

const ALIAS = /^[a-zA-Z0-9._-]+$/;

function validate(md: ChartMetadata, file: string): void {
  const fail = (m: string) => { throw new HelmError(`validation: ${m}`, file); };
  if (!md.apiVersion) fail('chart.metadata.apiVersion is required');
  if (!md.name) fail('chart.metadata.name is required');
  if (md.name.includes('/') || md.name.includes('\\') || md.name === '.' || md.name === '..') fail(`chart.metadata.name "${md.name}" is invalid`);
  if (!md.version) fail('chart.metadata.version is required');
  if (!parseVersion(md.version)) fail(`chart.metadata.version "${md.version}" is invalid`);
  if (md.type && md.type !== 'application' && md.type !== 'library') fail('chart.metadata.type must be application or library');
  for (const d of md.dependencies) {
    if (!d.name) fail('dependencies must have a name');
    if (d.alias && !ALIAS.test(d.alias)) fail(`dependency "${d.name}" has disallowed characters in the alias`);
  }
}

function field(o: unknown, k: string): unknown {
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined;
}
function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
function list(v: unknown): unknown[] { return Array.isArray(v) ? v : []; }
function strList(v: unknown): string[] { return list(v).map(str); }
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x);
  return out;
}
