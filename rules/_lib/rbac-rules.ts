import { isRecord, type K8sObject, type Path } from '../../engine';
import { isPlatformRbac } from './rbac';

/** One entry of a Role's or ClusterRole's `rules`, with its path relative to the object. */
export interface PolicyRule {
  index: number;
  path: Path;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

/** Stands for an item that is not a string or number: it keeps the other items at their index and matches nothing. */
const NOT_A_NAME = '\u0000';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : NOT_A_NAME)) : []);

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

/** Does one item of `resources` cover `resource` (which may be `pods/exec`)? `*` covers all, `*\/exec` every resource's exec. */
export function itemCovers(item: string, resource: string): boolean {
  const sub = resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : undefined;
  return item === '*' || item === resource || (sub !== undefined && item === `*/${sub}`);
}

/** Does the rule cover `resource`? */
export function coversResource(r: PolicyRule, resource: string): boolean {
  return r.resources.some((x) => itemCovers(x, resource));
}

/**
 * A rule with `*` in apiGroups, resources and verbs and no resourceNames grants everything: rbac-wildcard reports it
 * once, on the rule entry itself, and the rules about narrower rights report there too and yield to it.
 */
export function grantsEverything(r: Pick<PolicyRule, 'apiGroups' | 'resources' | 'verbs' | 'resourceNames'>): boolean {
  return !r.resourceNames.length && r.apiGroups.includes('*') && r.resources.includes('*') && r.verbs.includes('*');
}

/** The verbs of `wanted` the rule grants (`*` grants all of them). */
export function grantedVerbs(r: PolicyRule, wanted: ReadonlyArray<string>): string[] {
  if (r.verbs.includes('*')) return [...wanted];
  return wanted.filter((v) => r.verbs.includes(v));
}

/** A right a rule grants: `verbs` on `resource` of `group`, through the item `item` of its `resources`. */
export interface Grant { rule: PolicyRule; group: string; resource: string; verbs: string[]; item: number }

type Targets = ReadonlyArray<readonly [string, string]>;

/** The first target the resource item covers, in the order of `targets`. */
function targetOf(r: PolicyRule, item: string, targets: Targets): readonly [string, string] | undefined {
  return targets.find(([group, resource]) => coversGroup(r, group) && itemCovers(item, resource));
}

/**
 * Every item of the rule's `resources` that grants one of `targets` ([group, resource] pairs) with any of `verbs`:
 * one grant per item, naming the first target it covers.
 */
export function findGrants(r: PolicyRule, targets: Targets, verbs: ReadonlyArray<string>): Grant[] {
  const v = grantedVerbs(r, verbs);
  if (!v.length) return [];
  const out: Grant[] = [];
  r.resources.forEach((x, item) => {
    const t = targetOf(r, x, targets);
    if (t) out.push({ rule: r, group: t[0], resource: t[1], verbs: v, item });
  });
  return out;
}

/**
 * The first target (in the order of `targets`) this rule grants with any of `verbs`, through the item that names it
 * exactly when there is one, else a wildcard item; or undefined.
 */
export function findGrant(r: PolicyRule, targets: Targets, verbs: ReadonlyArray<string>): Grant | undefined {
  const v = grantedVerbs(r, verbs);
  if (!v.length) return undefined;
  for (const [group, resource] of targets) {
    if (!coversGroup(r, group)) continue;
    const exact = r.resources.indexOf(resource);
    const item = exact >= 0 ? exact : r.resources.findIndex((x) => itemCovers(x, resource));
    if (item >= 0) return { rule: r, group, resource, verbs: v, item };
  }
  return undefined;
}

/** Where a grant is reported: the `resources` item that grants it, or the rule entry when it grants everything. */
export function grantPath(g: Grant): Path {
  return grantsEverything(g.rule) ? g.rule.path : [...g.rule.path, 'resources', g.item];
}

/** Where a finding about a verb is reported: the `verbs` item, or the rule entry when it grants everything. */
export function verbPath(r: PolicyRule, item: number): Path {
  return grantsEverything(r) ? r.path : [...r.path, 'verbs', item];
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

/** A role the manifest's author wrote: not one Kubernetes or the platform ships and reconciles. */
export function isAuthorsRole(o: K8sObject): boolean {
  return !isBuiltInRoleName(o.name) && !isPlatformRbac(o);
}

/**
 * A right-checking rule's common shape: the grants of each rule entry of a role that is the author's (not a
 * built-in or platform role).
 */
export function rolesGranting(o: K8sObject, test: (r: PolicyRule) => Grant | Grant[] | undefined): Grant[] {
  if (!isAuthorsRole(o)) return [];
  const out: Grant[] = [];
  for (const r of policyRules(o)) {
    const g = test(r);
    if (Array.isArray(g)) out.push(...g);
    else if (g) out.push(g);
  }
  return out;
}
