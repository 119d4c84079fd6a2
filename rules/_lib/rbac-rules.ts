import { isRecord, type K8sObject, type Path } from '../../engine';

/** One entry of a Role's or ClusterRole's `rules`, with its path relative to the object. */
export interface PolicyRule {
  index: number;
  path: Path;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x)) : []);

/** Roles Kubernetes creates and reconciles itself (or that a platform ships under a reserved prefix). */
export function isBuiltInRoleName(name: string): boolean {
  return name.startsWith('system:') || name.startsWith('gce:') || name === 'cluster-admin' || name === 'admin' || name === 'edit' || name === 'view';
}

/** The policy rules of a Role or ClusterRole. An aggregated ClusterRole's rules are filled in by the controller: none. */
export function policyRules(o: K8sObject): PolicyRule[] {
  if (o.kind !== 'Role' && o.kind !== 'ClusterRole') return [];
  if (o.kind === 'ClusterRole' && isRecord(o.value.aggregationRule)) return [];
  const rules = o.value.rules;
  if (!Array.isArray(rules)) return [];
  const out: PolicyRule[] = [];
  rules.forEach((r, index) => {
    if (!isRecord(r)) return;
    out.push({
      index,
      path: ['rules', index],
      apiGroups: strings(r.apiGroups),
      resources: strings(r.resources),
      verbs: strings(r.verbs).map((v) => v.toLowerCase()),
      resourceNames: strings(r.resourceNames),
    });
  });
  return out;
}

/** Does the rule cover this API group? (`''` is the core group.) */
export function coversGroup(r: PolicyRule, group: string): boolean {
  return r.apiGroups.includes('*') || r.apiGroups.includes(group);
}

/** Does the rule cover `resource` (which may be `pods/exec`)? Honours the all-resources and any-resource-with-this-subresource wildcards. */
export function coversResource(r: PolicyRule, resource: string): boolean {
  const sub = resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : undefined;
  return r.resources.some((x) => x === '*' || x === resource || (sub !== undefined && x === `*/${sub}`));
}

/** The verbs of `wanted` the rule grants (`*` grants all of them). */
export function grantedVerbs(r: PolicyRule, wanted: ReadonlyArray<string>): string[] {
  if (r.verbs.includes('*')) return [...wanted];
  return wanted.filter((v) => r.verbs.includes(v));
}

export interface Grant { rule: PolicyRule; group: string; resource: string; verbs: string[] }

/**
 * The first (group, resource) of `targets` this rule grants with any of `verbs`, or undefined.
 * `targets` lists [group, resource] pairs.
 */
export function findGrant(r: PolicyRule, targets: ReadonlyArray<readonly [string, string]>, verbs: ReadonlyArray<string>): Grant | undefined {
  const v = grantedVerbs(r, verbs);
  if (!v.length) return undefined;
  for (const [group, resource] of targets) {
    if (coversGroup(r, group) && coversResource(r, resource)) return { rule: r, group, resource, verbs: v };
  }
  return undefined;
}

/** The path to report for a rule entry: its `verbs` when present, else the entry itself. */
export function grantPath(o: K8sObject, r: PolicyRule): Path {
  const entry = Array.isArray(o.value.rules) ? o.value.rules[r.index] : undefined;
  return isRecord(entry) && entry.verbs !== undefined ? [...r.path, 'verbs'] : r.path;
}

/** Subjects of a RoleBinding or ClusterRoleBinding, with their paths. */
export function subjectsOf(o: K8sObject): Array<{ index: number; path: Path; kind: string; name: string; namespace?: string }> {
  const s = o.value.subjects;
  if (!Array.isArray(s)) return [];
  const out: Array<{ index: number; path: Path; kind: string; name: string; namespace?: string }> = [];
  s.forEach((x, index) => {
    if (!isRecord(x)) return;
    out.push({
      index,
      path: ['subjects', index],
      kind: typeof x.kind === 'string' ? x.kind : '',
      name: typeof x.name === 'string' ? x.name : '',
      namespace: typeof x.namespace === 'string' ? x.namespace : undefined,
    });
  });
  return out;
}

/** A right-checking rule's common shape: report each rule entry of a non-built-in role that grants a right. */
export function rolesGranting(o: K8sObject, test: (r: PolicyRule) => Grant | undefined): Grant[] {
  if (isBuiltInRoleName(o.name)) return [];
  const out: Grant[] = [];
  for (const r of policyRules(o)) {
    const g = test(r);
    if (g) out.push(g);
  }
  return out;
}
