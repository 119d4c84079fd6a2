import { findGrant, type Grant, type PolicyRule } from './rbac-rules';

/**
 * Creating a (Cluster)RoleBinding is escalation-checked: the API server allows binding a role only when the
 * requester holds all of its rights, or holds `bind` on it. These helpers find a rule that grants `create` on a
 * binding kind, and a rule that grants `bind` on a privileged role: the default `cluster-admin`, `admin` or
 * `edit` ClusterRoles, or any role (no `resourceNames`).
 */

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const PRIVILEGED_ROLES = ['cluster-admin', 'admin', 'edit'];

/** `create` on the binding resource; `resourceNames` cannot restrict create, so a narrowed rule grants none. */
export function createsBindings(r: PolicyRule, resource: 'rolebindings' | 'clusterrolebindings'): Grant | undefined {
  return r.resourceNames.length ? undefined : findGrant(r, [[RBAC_GROUP, resource]], ['create']);
}

/** `bind` on roles of the given kinds, unrestricted or naming a privileged default ClusterRole. */
export function bindsPrivileged(r: PolicyRule, resources: ReadonlyArray<'roles' | 'clusterroles'>): Grant | undefined {
  // `resourceNames` entries are literal names (`*` is not a wildcard there).
  if (r.resourceNames.length && !r.resourceNames.some((n) => PRIVILEGED_ROLES.includes(n))) return undefined;
  return findGrant(r, resources.map((x) => [RBAC_GROUP, x] as const), ['bind']);
}
