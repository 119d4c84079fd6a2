import { getPath, isRecord, podMetadataPathOf, POD_SPEC_PATHS, type K8sObject, type Path } from '../../engine';

/** A Kubernetes label selector: `matchLabels` and `matchExpressions` (both must hold). */
export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: Array<{ key?: unknown; operator?: unknown; values?: unknown }>;
}

export type Labels = Readonly<Record<string, string>>;

/** Labels as strings (YAML 1.1 may have turned `true` or `1` into non-strings; the API server wants strings). */
export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined && typeof x !== 'object') out[k] = String(x);
  return out;
}

/** True when the selector has neither matchLabels nor matchExpressions entries (it selects everything). */
export function isEmptySelector(sel: unknown): boolean {
  if (!isRecord(sel)) return true;
  const ml = isRecord(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const me = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0;
  return ml === 0 && me === 0;
}

/** Does a `LabelSelector` (matchLabels + matchExpressions) select these labels? */
export function selectorMatches(sel: unknown, labels: Labels): boolean {
  if (!isRecord(sel)) return true;
  const ml = labelsOf(sel.matchLabels);
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  for (const e of exprs) {
    if (!isRecord(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Labels controllers add to pods at run time; a selector may use them though no manifest writes them. */
export const RUNTIME_POD_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index',
  'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index',
]);

/** A copy of a selector without the keys of labels that controllers add at run time. */
export function withoutRuntimeLabels(sel: unknown): unknown {
  if (!isRecord(sel)) return sel;
  if (!isRecord(sel.matchLabels) && !Array.isArray(sel.matchExpressions)) {
    return Object.fromEntries(Object.entries(sel).filter(([k]) => !RUNTIME_POD_LABELS.has(k)));
  }
  const out: Record<string, unknown> = { ...sel };
  if (isRecord(sel.matchLabels)) out.matchLabels = Object.fromEntries(Object.entries(sel.matchLabels).filter(([k]) => !RUNTIME_POD_LABELS.has(k)));
  if (Array.isArray(sel.matchExpressions)) out.matchExpressions = sel.matchExpressions.filter((e) => !(isRecord(e) && typeof e.key === 'string' && RUNTIME_POD_LABELS.has(e.key)));
  return out;
}

/** Does a Service-style selector (a plain map, no expressions) select these labels? Empty selects nothing. */
export function mapSelectorMatches(sel: unknown, labels: Labels): boolean {
  const ml = labelsOf(sel);
  const keys = Object.keys(ml);
  if (!keys.length) return false;
  return keys.every((k) => labels[k] === ml[k]);
}

function folderOf(file: string | undefined): string {
  if (!file) return '';
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * Can the two objects live in the same namespace? Both namespaces written and equal; or one is missing (it lands
 * wherever it is applied) and they come from the same folder: a workspace scan holds many applications, and an
 * unplaced object of one says nothing about another.
 */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  if (a.namespace !== undefined && b.namespace !== undefined) return a.namespace === b.namespace;
  return folderOf(a.file) === folderOf(b.file);
}

/** Is `other` part of the same application as `self` (same folder, or the same written namespace)? */
export function sameScope(self: K8sObject, other: K8sObject): boolean {
  return folderOf(self.file) === folderOf(other.file) || (self.namespace !== undefined && self.namespace === other.namespace);
}

export function sameObject(a: K8sObject, b: K8sObject): boolean {
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.apiVersion === b.apiVersion;
}

/** Kinds whose objects run pods (a Pod or a controller with a pod template). */
export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS).filter((k) => k !== 'PodTemplate');

/** The labels the pods of a workload carry (the Pod's own, else its template's). */
export function podLabels(o: K8sObject): Labels | undefined {
  const metaPath = podMetadataPathOf(o.kind);
  if (!metaPath || o.kind === 'PodTemplate') return undefined;
  const meta = getPath(o.value, metaPath);
  return labelsOf(isRecord(meta) ? meta.labels : undefined);
}

const workloadCache = new WeakMap<ReadonlyArray<K8sObject>, { length: number; list: Array<{ object: K8sObject; labels: Labels }> }>();

/** Workload objects in the scan (excluding templates), with their pod labels; computed once per objects array. */
export function workloadsIn(objects: ReadonlyArray<K8sObject>): ReadonlyArray<{ object: K8sObject; labels: Labels }> {
  const cached = workloadCache.get(objects);
  if (cached && cached.length === objects.length) return cached.list;
  const list: Array<{ object: K8sObject; labels: Labels }> = [];
  for (const o of objects) {
    const labels = podLabels(o);
    if (labels) list.push({ object: o, labels });
  }
  workloadCache.set(objects, { length: objects.length, list });
  return list;
}
