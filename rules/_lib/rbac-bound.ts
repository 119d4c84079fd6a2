import type { K8sObject, RuleContext } from '../../engine';
import { findBoundRole, isPlatformRbac, roleRefOf } from './rbac';
import { policyRules, subjectsOf, type PolicyRule } from './rbac-rules';

/**
 * Bindings seen from the identities they give rights to: which subjects are workload or node identities, and
 * what the bound role grants (from the role among the scanned objects, or for the default ClusterRoles, from
 * what Kubernetes is known to give them).
 */

const rule = (index: number, apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ index, path: ['rules', index], apiGroups, resources, verbs, resourceNames: [] });

/** The rights of the default ClusterRoles that the binding rules look at (a subset of `admin` and `edit`). */
const BUILT_IN: Readonly<Record<string, PolicyRule[]>> = {
  'cluster-admin': [rule(0, ['*'], ['*'], ['*'])],
  admin: [
    rule(0, [''], ['secrets'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']),
    rule(1, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']),
  ],
  edit: [rule(0, [''], ['secrets'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])],
};

export interface BoundRole { kind: string; name: string; rules: PolicyRule[] }

/** What the binding's role grants, when the role is known. */
export function boundRole(binding: K8sObject, objects: ReadonlyArray<K8sObject>): BoundRole | undefined {
  const ref = roleRefOf(binding);
  if (!ref) return undefined;
  const role = findBoundRole(binding, ref, objects);
  if (role) return { kind: role.kind, name: role.name, rules: policyRules(role) };
  if (ref.kind === 'ClusterRole' && BUILT_IN[ref.name]) return { kind: 'ClusterRole', name: ref.name, rules: BUILT_IN[ref.name] };
  return undefined;
}

/**
 * The subjects that are service accounts (`kind: ServiceAccount`, or the username
 * `system:serviceaccount:<ns>:<name>`, or the groups `system:serviceaccounts[:<ns>]`) or nodes (`system:nodes`, or
 * `system:node:<name>`), as `kind name` labels for messages.
 */
export function workloadSubjects(binding: K8sObject): string[] {
  const out: string[] = [];
  for (const s of subjectsOf(binding)) {
    if (s.kind === 'ServiceAccount' && s.name) out.push(`ServiceAccount ${s.namespace ?? binding.namespace ?? ''}${s.namespace ?? binding.namespace ? '/' : ''}${s.name}`);
    else if (s.kind === 'User' && /^system:(serviceaccount:[^:]+:[^:]+|node:.+)$/.test(s.name)) out.push(`User ${s.name}`);
    else if (s.kind === 'Group' && /^system:(serviceaccounts(:[^:]+)?|nodes)$/.test(s.name)) out.push(`Group ${s.name}`);
  }
  return out;
}

/** Bindings Kubernetes manages (see isPlatformRbac) and GKE's `gce:` bindings are not the author's. */
export function isManagedBinding(binding: K8sObject): boolean {
  return isPlatformRbac(binding) || binding.name.startsWith('gce:');
}

/**
 * The check of the rules that judge a binding by what it lets service accounts and nodes do: reports the
 * binding's `roleRef.name` when it gives workload subjects a role with a rule that `grants`.
 */
export function reportWorkloadGrant(ctx: RuleContext, grants: (r: PolicyRule) => boolean): void {
  const binding = ctx.object;
  if (isManagedBinding(binding)) return;
  const subjects = workloadSubjects(binding);
  if (!subjects.length) return;
  const role = boundRole(binding, ctx.objects);
  if (!role || !role.rules.some(grants)) return;
  ctx.report({ messageId: 'bound', data: { roleKind: role.kind, role: role.name, subjects: subjects.join(', ') }, path: ['roleRef', 'name'] });
}
