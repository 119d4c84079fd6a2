import type { ChartMetadata } from './chart';
import { HELM_VERSION, type KubeVersionInfo } from './capabilities';

/**
 * The built-in objects of a Helm template (`.Chart`, `.Capabilities`, `.Release`, `.Template`) in the template
 * engine's value model (render/helm/template/go-value.ts): a Go struct is a class instance whose fields are its own
 * properties, in Go's declaration order (that is how `%v` prints it), whose methods are functions on the
 * prototype, and whose Go type is under the `kubehex.goType` symbol. JSON names (for toYaml/toJson) are given by a
 * static `jsonNames` map. `.Release` and `.Template` are plain maps in Helm, and are plain objects here.
 */
export const GO_TYPE_KEY: unique symbol = Symbol.for('kubehex.goType') as never;

function tag<T extends object>(o: T, type: string): T {
  Object.defineProperty(o, GO_TYPE_KEY, { value: type, enumerable: false, configurable: true, writable: true });
  return o;
}

export interface GoAdapter {
  /** A Go int (the template engine's GoInt). */
  int(n: number): unknown;
  /** Tag a list or map with its Go type. */
  typed<T extends object>(o: T, type: string): T;
}

export const plainAdapter: GoAdapter = { int: (n) => n, typed: (o, t) => tag(o, t) };

/** chart.Metadata plus IsRoot, as Helm 3.12 hands `.Chart` to templates. */
export function chartObject(md: ChartMetadata, isRoot: boolean, go: GoAdapter): object {
  const strs = (xs: string[]) => go.typed([...xs], '[]string');
  const o = {
    Name: md.name, Home: md.home, Sources: strs(md.sources), Version: md.version, Description: md.description,
    Keywords: strs(md.keywords),
    Maintainers: go.typed(md.maintainers.map((m) => tag(Object.assign(Object.create(MAINTAINER_PROTO), { Name: m.name, Email: m.email, URL: m.url }), '*chart.Maintainer')), '[]*chart.Maintainer'),
    Icon: md.icon, APIVersion: md.apiVersion, Condition: md.condition, Tags: md.tags, AppVersion: md.appVersion,
    Deprecated: md.deprecated, Annotations: go.typed({ ...md.annotations }, 'map[string]string'), KubeVersion: md.kubeVersion,
    Dependencies: go.typed(md.dependencies.map((d) => tag(Object.assign(Object.create(DEPENDENCY_PROTO), {
      Name: d.name, Version: d.version, Repository: d.repository, Condition: d.condition, Tags: strs(d.tags),
      Enabled: d.enabled, ImportValues: go.typed([...d.importValues], '[]interface {}'), Alias: d.alias,
    }), '*chart.Dependency')), '[]*chart.Dependency'),
    Type: md.type, IsRoot: isRoot,
  };
  return tag(Object.assign(Object.create(METADATA_PROTO), o), 'struct { chart.Metadata; IsRoot bool }');
}

class MetadataJson { static jsonNames = { Name: 'name', Home: 'home,omitempty', Sources: 'sources,omitempty', Version: 'version', Description: 'description,omitempty', Keywords: 'keywords,omitempty', Maintainers: 'maintainers,omitempty', Icon: 'icon,omitempty', APIVersion: 'apiVersion', Condition: 'condition,omitempty', Tags: 'tags,omitempty', AppVersion: 'appVersion,omitempty', Deprecated: 'deprecated,omitempty', Annotations: 'annotations,omitempty', KubeVersion: 'kubeVersion,omitempty', Dependencies: 'dependencies,omitempty', Type: 'type,omitempty', IsRoot: 'IsRoot' }; }
class MaintainerJson { static jsonNames = { Name: 'name,omitempty', Email: 'email,omitempty', URL: 'url,omitempty' }; }
class DependencyJson { static jsonNames = { Name: 'name', Version: 'version,omitempty', Repository: 'repository', Condition: 'condition,omitempty', Tags: 'tags,omitempty', Enabled: 'enabled,omitempty', ImportValues: 'import-values,omitempty', Alias: 'alias,omitempty' }; }
const METADATA_PROTO = MetadataJson.prototype;
const MAINTAINER_PROTO = MaintainerJson.prototype;
const DEPENDENCY_PROTO = DependencyJson.prototype;

export class KubeVersion {
  static jsonNames = { Version: 'version', Major: 'major', Minor: 'minor' };
  Version: string;
  Major: string;
  Minor: string;
  constructor(v: KubeVersionInfo) {
    this.Version = v.version;
    this.Major = v.major;
    this.Minor = v.minor;
    tag(this, 'chartutil.KubeVersion');
  }
  String(): string { return this.Version; }
  GitVersion(): string { return this.Version; }
}

export class BuildInfo {
  static jsonNames = { Version: 'version,omitempty', GitCommit: 'git_commit,omitempty', GitTreeState: 'git_tree_state,omitempty', GoVersion: 'go_version,omitempty' };
  Version = HELM_VERSION.version;
  GitCommit = HELM_VERSION.gitCommit;
  GitTreeState = HELM_VERSION.gitTreeState;
  GoVersion = HELM_VERSION.goVersion;
  constructor() { tag(this, 'version.BuildInfo'); }
}

export class Capabilities {
  static jsonNames = { KubeVersion: 'KubeVersion', APIVersions: 'APIVersions', HelmVersion: 'HelmVersion' };
  KubeVersion: KubeVersion;
  APIVersions: string[];
  HelmVersion = new BuildInfo();
  constructor(kube: KubeVersionInfo, apiVersions: readonly string[]) {
    this.KubeVersion = new KubeVersion(kube);
    this.APIVersions = versionSet(apiVersions);
    tag(this, '*chartutil.Capabilities');
  }
}

/** chartutil.VersionSet: a []string with a Has method (a non-enumerable function property). */
function versionSet(list: readonly string[]): string[] {
  const vs = [...list];
  Object.defineProperty(vs, 'Has', { value: (v: string) => vs.includes(v), enumerable: false });
  return tag(vs, 'chartutil.VersionSet');
}

export interface ReleaseInfo {
  name: string;
  namespace: string;
  /** The namespace was given (--namespace, .kubehex.yaml); else `namespace` is Helm's stand-in, `default`. */
  namespaceGiven: boolean;
  isUpgrade: boolean;
  revision: number;
}

/** `.Release`: a map in Helm (chartutil.Values). */
export function releaseObject(r: ReleaseInfo, go: GoAdapter): Record<string, unknown> {
  return go.typed({ Name: r.name, Namespace: r.namespace, IsUpgrade: r.isUpgrade, IsInstall: !r.isUpgrade, Revision: go.int(r.revision), Service: 'Helm' }, 'map[string]interface {}');
}
