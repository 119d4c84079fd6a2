import { defineRule, type K8sObject } from '../../engine';
import { RBAC_BINDING_KINDS, RBAC_ROLE_KINDS, findBoundRole, isAdminRule, isPlatformRbac, policyRules, roleRefOf } from '../_lib/rbac';

/** Platform bindings (see isPlatformRbac), and `gce:` bindings created by GKE's add-on manager. */
function isPlatformBinding(binding: K8sObject): boolean {
  return isPlatformRbac(binding) || binding.name.startsWith('gce:');
}

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding grants cluster-admin',
    category: 'cluster',
    goals: ['possession', 'confidentiality', 'integrity', 'availability'],
    severity: 'error',
    appliesTo: [...RBAC_BINDING_KINDS],
    reads: [...RBAC_ROLE_KINDS],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Binding the `cluster-admin` ClusterRole (or a role with the same all-wildcard rights) gives its subjects full control of every object the binding reaches.',
      recipe: 'Bind a role that lists only the verbs and resources the subject needs; keep cluster-admin for a break-glass group and name that binding in the `allowedBindings` option.',
    },
    peers: {
      'kube-linter': ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
      kubescape: ['C-0185', 'C-0035'],
      datree: ['CIS_INVALID_ROLE_CLUSTER_ADMIN'],
    },
    messages: {
      clusterAdmin: '{{kind}} {{name}} binds the cluster-admin ClusterRole: its subjects get full control{{scope}}.',
      adminEquivalent: '{{kind}} {{name}} binds {{roleKind}} {{role}}, which grants every verb on every resource: like cluster-admin, its subjects get full control{{scope}}.',
    },
    defaultOptions: { allowedBindings: [] },
  },
  check(ctx) {
    const { object } = ctx;
    if (isPlatformBinding(object)) return;
    const allowed = ctx.options.allowedBindings;
    if (Array.isArray(allowed) && allowed.includes(object.name)) return;
    const ref = roleRefOf(object);
    if (!ref) return;
    const scope = object.kind === 'RoleBinding' ? (object.namespace ? ` of namespace ${object.namespace}` : ' of its namespace') : ' of the cluster';
    if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
      ctx.report({ messageId: 'clusterAdmin', data: { scope }, path: ['roleRef', 'name'] });
      return;
    }
    const role = findBoundRole(object, ref, ctx.objects);
    if (role && policyRules(role).some(isAdminRule)) {
      ctx.report({ messageId: 'adminEquivalent', data: { scope, roleKind: role.kind, role: role.name }, path: ['roleRef', 'name'] });
    }
  },
});
