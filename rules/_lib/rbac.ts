import { isRecord, objectsOfKind, type K8sObject, type Path } from '../../engine';

/**
 * RBAC semantics shared by the rbac-* rules.
 *
 * A PolicyRule grants `verbs` on `resources` of `apiGroups` (`""` is the core group); `*` in any of the
 * three lists matches everything. `resourceNames`, when non-empty, narrows the rule to those objects.
 * `nonResourceURLs` rules carry no apiGroups/resources and grant nothing on API objects.
 */

export const RBAC_ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const RBAC_BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

/** The verbs that make up full control of a resource when `*` is not used. */
export const ALL_RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

export interface PolicyRuleRef {
  /** The rule as written. */
  value: Record<string, unknown>;
  /** Path of the rule relative to the Role/ClusterRole object (`['rules', i]`). */
  path: Path;
  index: number;
  /** The rule's lists; a missing or malformed list is empty. Items that are not strings are dropped. */
  apiGroups: ListItem[];
  resources: ListItem[];
  verbs: ListItem[];
  resourceNames: ListItem[];
  nonResourceURLs: ListItem[];
}

export interface ListItem { value: string; index: number }

function items(v: unknown): ListItem[] {
  if (!Array.isArray(v)) return [];
  const out: ListItem[] = [];
  v.forEach((x, index) => {
    if (typeof x === 'string') out.push({ value: x, index });
  });
  return out;
}

/**
 * The PolicyRules of a Role or ClusterRole. A ClusterRole with an `aggregationRule` has its rules filled in
 * by the controller manager from the ClusterRoles it selects (which are checked on their own), so the rules
 * written in it do not take effect: it yields none.
 */
export function policyRules(obj: Pick<K8sObject, 'kind' | 'value'>): PolicyRuleRef[] {
  if (obj.kind === 'ClusterRole' && isRecord(obj.value.aggregationRule)) return [];
  const rules = obj.value.rules;
  if (!Array.isArray(rules)) return [];
  const out: PolicyRuleRef[] = [];
  rules.forEach((r, index) => {
    if (!isRecord(r)) return;
    out.push({
      value: r,
      path: ['rules', index],
      index,
      apiGroups: items(r.apiGroups),
      resources: items(r.resources),
      verbs: items(r.verbs),
      resourceNames: items(r.resourceNames),
      nonResourceURLs: items(r.nonResourceURLs),
    });
  });
  return out;
}

export const hasItem = (list: ListItem[], ...values: string[]): ListItem | undefined => list.find((x) => values.includes(x.value));

/** True when the rule's apiGroups include the core group (`""`) or `*`. */
export function coversCoreGroup(r: PolicyRuleRef): boolean {
  return !!hasItem(r.apiGroups, '', '*');
}

/**
 * The item of `resources` that matches `resource` exactly (`secrets`) or by wildcard (`*`). Subresource forms
 * (`secrets/*`, `*\/status`) match subresources only, never the resource itself, as in Kubernetes.
 */
export function resourceMatch(r: PolicyRuleRef, resource: string): ListItem | undefined {
  return r.resources.find((x) => x.value === resource) ?? r.resources.find((x) => x.value === '*');
}

/** True when the rule grants every verb: `*`, or all of get/list/watch/create/update/patch/delete. */
export function grantsAllVerbs(r: PolicyRuleRef): boolean {
  if (hasItem(r.verbs, '*')) return true;
  return ALL_RESOURCE_VERBS.every((v) => hasItem(r.verbs, v));
}

/**
 * True when the rule is as strong as cluster-admin on API objects: every verb on every resource of every
 * group, not narrowed by resourceNames.
 */
export function isAdminRule(r: PolicyRuleRef): boolean {
  return !r.resourceNames.length && !!hasItem(r.apiGroups, '*') && !!hasItem(r.resources, '*') && grantsAllVerbs(r);
}

/**
 * RBAC objects that ship with Kubernetes: names in the reserved `system:` namespace, and objects the API
 * server creates with the label `kubernetes.io/bootstrapping: rbac-defaults` (`cluster-admin`, `admin`, `edit`,
 * `view` and their bindings). They show up in exported cluster state; they are not the author's to change.
 */
export function isPlatformRbac(obj: Pick<K8sObject, 'name' | 'metadata'>): boolean {
  if (obj.name.startsWith('system:')) return true;
  const labels = obj.metadata.labels;
  return isRecord(labels) && labels['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

export interface RoleRef { kind: string; name: string; apiGroup?: string }

/** The binding's roleRef, when well-formed. */
export function roleRefOf(binding: Pick<K8sObject, 'value'>): RoleRef | undefined {
  const ref = binding.value.roleRef;
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || !ref.name) return undefined;
  return { kind: ref.kind, name: ref.name, apiGroup: typeof ref.apiGroup === 'string' ? ref.apiGroup : undefined };
}

function folderOf(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * Whether `other` can be the namespaced object `self` refers to: both namespaces written and equal; or one is
 * missing and the two come from the same folder (a workspace scan sees many applications, and an unplaced
 * ServiceAccount in one of them says nothing about another's pods).
 */
export function canShareNamespace(self: Pick<K8sObject, 'namespace' | 'file'>, other: Pick<K8sObject, 'namespace' | 'file'>): boolean {
  if (self.namespace && other.namespace) return self.namespace === other.namespace;
  return folderOf(self.file) === folderOf(other.file);
}

/**
 * The Role or ClusterRole a binding refers to, among the scanned objects. A ClusterRoleBinding can refer only
 * to a ClusterRole; a RoleBinding to a ClusterRole, or to a Role in its own namespace.
 */
export function findBoundRole(binding: K8sObject, ref: RoleRef, objects: ReadonlyArray<K8sObject>): K8sObject | undefined {
  if (ref.kind === 'ClusterRole') return objectsOfKind(objects, 'ClusterRole').find((o) => o.name === ref.name);
  if (ref.kind === 'Role' && binding.kind === 'RoleBinding') {
    return objectsOfKind(objects, 'Role').find((o) => o.name === ref.name && canShareNamespace(binding, o));
  }
  return undefined;
}

export interface PodServiceAccount {
  /** The service account the pod runs as (`default` when none is named). */
  name: string;
  /** Which field names it: `serviceAccountName`, the deprecated `serviceAccount`, or none (`unset`). */
  from: 'serviceAccountName' | 'serviceAccount' | 'unset';
  /** Path of that field relative to the object (for `unset`, where `serviceAccountName` belongs). */
  path: Path;
}

/**
 * The service account of a pod spec, as the API server resolves it: `serviceAccountName`, else the
 * deprecated `serviceAccount` (copied into serviceAccountName on admission), else `default`.
 */
export function podServiceAccount(pod: { value: Record<string, unknown>; path: Path }): PodServiceAccount {
  const san = pod.value.serviceAccountName;
  if (typeof san === 'string' && san) return { name: san, from: 'serviceAccountName', path: [...pod.path, 'serviceAccountName'] };
  const sa = pod.value.serviceAccount;
  if (typeof sa === 'string' && sa) return { name: sa, from: 'serviceAccount', path: [...pod.path, 'serviceAccount'] };
  return { name: 'default', from: 'unset', path: [...pod.path, 'serviceAccountName'] };
}

/** The ServiceAccount of that name among the scanned objects that can be in the pod's namespace. */
export function findServiceAccount(name: string, pod: Pick<K8sObject, 'namespace' | 'file'>, objects: ReadonlyArray<K8sObject>): K8sObject | undefined {
  const candidates = objectsOfKind(objects, 'ServiceAccount').filter((o) => o.name === name && canShareNamespace(pod, o));
  return candidates.find((o) => o.namespace === pod.namespace) ?? candidates[0];
}
