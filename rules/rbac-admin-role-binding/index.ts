import { defineRule } from '../../engine';
import { findBoundRole, isAdminRule, isPlatformRbac, policyRules, roleRefOf } from '../_lib/rbac';

/** The default ClusterRoles that give administrative rights: full control, or write access to nearly everything. */
const ADMIN_ROLES = ['cluster-admin', 'admin', 'edit'];

export default defineRule({
  meta: {
    id: 'rbac-admin-role-binding',
    title: 'Binding grants an administrative role',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'info',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    reads: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'The default `cluster-admin`, `admin` and `edit` ClusterRoles (and custom roles with all-wildcard rules) let their subjects read Secrets, exec into pods and create workloads that run as any service account of their scope.',
      recipe: 'Bind a role that lists only the resources and verbs the subject needs; keep the administrative roles for a few named operators or a break-glass group.',
    },
    peers: {
      trivy: ['KSV-0111'],
    },
    messages: {
      builtIn: '{{kind}} {{name}}: binds the {{role}} ClusterRole, which gives its subjects administrative rights{{scope}}.',
      equivalent: '{{kind}} {{name}}: binds {{roleKind}} {{role}}, which grants every verb on every resource{{scope}}.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (isPlatformRbac(object) || object.name.startsWith('gce:')) return;
    const ref = roleRefOf(object);
    if (!ref) return;
    const scope = object.kind === 'RoleBinding' ? (object.namespace ? ` in namespace ${object.namespace}` : ' in its namespace') : ' in every namespace';
    if (ref.kind === 'ClusterRole' && ADMIN_ROLES.includes(ref.name)) {
      ctx.report({ messageId: 'builtIn', data: { role: ref.name, scope }, path: ['roleRef', 'name'] });
      return;
    }
    const role = findBoundRole(object, ref, ctx.objects);
    if (role && policyRules(role).some(isAdminRule)) ctx.report({ messageId: 'equivalent', data: { roleKind: role.kind, role: role.name, scope }, path: ['roleRef', 'name'] });
  },
});
