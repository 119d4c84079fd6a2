import { clone, getString, isMap, map, set, ensureMap, remove, get, str, type KMap, type KNode, type Src } from './node';

export interface Gvk { group: string; version: string; kind: string }
export interface ResId extends Gvk { name: string; namespace: string }

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(g: Gvk): string { return g.group ? `${g.group}/${g.version}` : g.version; }

/**
 * Kinds the API server keeps outside namespaces, as kustomize's built-in schema (Kubernetes 1.21) lists
 * them, keyed by apiVersion. Kinds not listed are namespaced, as in kustomize. The `openapi:` field and CRDs
 * can add kinds (addClusterScoped).
 */
const CLUSTER_SCOPED: Record<string, string[]> = {
  v1: ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'authentication.k8s.io/v1': ['TokenReview'],
  'authentication.k8s.io/v1beta1': ['TokenReview'],
  'authorization.k8s.io/v1': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'authorization.k8s.io/v1beta1': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1alpha1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'internal.apiserver.k8s.io/v1alpha1': ['StorageVersion'],
  'networking.k8s.io/v1': ['IngressClass'],
  'networking.k8s.io/v1beta1': ['IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1alpha1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding'],
  'rbac.authorization.k8s.io/v1alpha1': ['ClusterRole', 'ClusterRoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1alpha1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1alpha1': ['VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
};

export class Scope {
  private readonly extra = new Map<string, boolean>();
  /** A kind the openapi field or a CRD declares (true: cluster-scoped). */
  declare(apiVersion: string, kind: string, clusterScoped: boolean): void { this.extra.set(`${apiVersion}|${kind}`, clusterScoped); }
  isClusterScoped(g: Gvk): boolean {
    const av = apiVersionOf(g);
    const e = this.extra.get(`${av}|${g.kind}`);
    if (e !== undefined) return e;
    return CLUSTER_SCOPED[av]?.includes(g.kind) ?? false;
  }
}

export function gvkString(g: Gvk): string {
  return `${g.kind}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

export function idString(id: ResId): string {
  return `${gvkString(id)}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** Gvk.IsSelected: empty selector fields match anything. */
export function gvkSelected(g: Gvk, sel: Partial<Gvk>): boolean {
  return (!sel.group || sel.group === g.group) && (!sel.version || sel.version === g.version) && (!sel.kind || sel.kind === g.kind);
}

/** Where a resource came from, for provenance and kustomize's origin annotations. */
export interface ResOrigin {
  /** The file it was read from (absolute), or the kustomization that configured the generator. */
  file: string;
  doc: number;
  generator?: { kind: string; name?: string; configuredIn: string; entry?: Src };
}

export interface TransformerRecord { configuredIn: string; kind: string; name?: string; entry?: Src }

export interface PrevId { kind: string; name: string; namespace: string }

/** A resource being built: its node plus the bookkeeping kustomize keeps in build annotations. */
export class Resource {
  prefixes: string[] = [];
  suffixes: string[] = [];
  prevIds: PrevId[] = [];
  refBy: string[] = [];
  refVarNames: string[] = [];
  behavior: 'create' | 'merge' | 'replace' | '' = '';
  needsHash = false;
  /** A build annotation was set, so kustomize rewrote metadata.annotations at the end. */
  annotationsTouched = false;
  allowNameChange = false;
  allowKindChange = false;
  transformations: TransformerRecord[] = [];

  constructor(public node: KMap, public origin: ResOrigin, private readonly scope: Scope) {}

  get gvk(): Gvk {
    const { group, version } = parseApiVersion(getString(this.node, 'apiVersion') ?? '');
    return { group, version, kind: getString(this.node, 'kind') ?? '' };
  }
  get kind(): string { return getString(this.node, 'kind') ?? ''; }
  get name(): string { return getString(this.node, 'metadata', 'name') ?? ''; }
  get namespace(): string { return getString(this.node, 'metadata', 'namespace') ?? ''; }

  curId(): ResId { return { ...this.gvk, name: this.name, namespace: this.namespace }; }

  prevResIds(): ResId[] {
    const g = this.gvk;
    return this.prevIds.map((p) => ({ group: g.group, version: g.version, kind: p.kind, name: p.name, namespace: p.namespace }));
  }

  orgId(): ResId { return this.prevResIds()[0] ?? this.curId(); }

  isClusterScoped(id: Gvk = this.gvk): boolean { return this.scope.isClusterScoped(id); }

  effectiveNamespace(id: ResId): string {
    if (this.scope.isClusterScoped(id)) return '_non_namespaceable_';
    return id.namespace || 'default';
  }

  idEquals(a: ResId, b: ResId): boolean {
    return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && this.effectiveNamespace(a) === this.effectiveNamespace(b);
  }

  storePreviousId(): void {
    const id = this.curId();
    this.prevIds.push({ kind: id.kind, name: id.name, namespace: this.effectiveNamespace(id) });
    this.annotationsTouched = true;
  }

  addPrefix(p: string): void { if (p) { this.prefixes.push(p); this.annotationsTouched = true; } }
  addSuffix(s: string): void { if (s) { this.suffixes.push(s); this.annotationsTouched = true; } }

  setName(name: string, src?: Src): void {
    const meta = ensureMap(this.node, ['metadata']);
    const old = get(meta, 'name');
    set(meta, 'name', str(name, src ?? old?.src));
  }

  setNamespace(ns: string, src?: Src): void {
    const meta = ensureMap(this.node, ['metadata']);
    if (!ns) { remove(meta, 'namespace'); return; }
    const old = get(meta, 'namespace');
    set(meta, 'namespace', str(ns, src ?? old?.src));
  }

  setKind(kind: string): void { const old = get(this.node, 'kind'); set(this.node, 'kind', str(kind, old?.src)); }

  labels(): Map<string, string> { return stringMap(get(get(this.node, 'metadata'), 'labels')); }
  annotations(): Map<string, string> { return stringMap(get(get(this.node, 'metadata'), 'annotations')); }

  isEmpty(): boolean { return this.node.entries.length === 0; }

  /** An independent copy (its tree cloned; sources and origin shared, as they are never changed in place). */
  copy(scope: Scope): Resource {
    const r = new Resource(clone(this.node), this.origin, scope);
    r.copyStateFrom(this);
    r.behavior = this.behavior;
    r.needsHash = this.needsHash;
    r.allowNameChange = this.allowNameChange;
    r.allowKindChange = this.allowKindChange;
    return r;
  }

  copyStateFrom(o: Resource): void {
    this.prefixes = [...o.prefixes];
    this.suffixes = [...o.suffixes];
    this.prevIds = [...o.prevIds];
    this.refBy = [...o.refBy];
    this.refVarNames = [...o.refVarNames];
    this.annotationsTouched = o.annotationsTouched;
    this.transformations = [...o.transformations];
  }
}

export function stringMap(n: KNode | undefined): Map<string, string> {
  const m = new Map<string, string>();
  if (isMap(n)) for (const e of n.entries) if (e.value.kind === 'scalar') m.set(e.key, e.value.value);
  return m;
}

export function newMap(): KMap { return map(); }

/** SameEndingSubSlice: one list ends with the other (both empty counts; one empty does not). */
export function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (!short.length) return diff === 0;
  for (let i = short.length - 1; i >= 0; i--) if (long[i + diff] !== short[i]) return false;
  return true;
}
