import { defineRule } from '../../engine';
import { PRIVILEGED_ROLES, bindsPrivileged, createsBindings } from '../_lib/rbac-bind';
import { grantPath, isAuthorsRole, policyRules } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-grant-privileged-clusterrole',
    title: 'Role can create ClusterRoleBindings to privileged ClusterRoles',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A role that can create ClusterRoleBindings and `bind` privileged ClusterRoles (any, or `cluster-admin`, `admin`, `edit`) lets its subjects make anyone — themselves included — cluster administrator.',
      recipe: 'Remove `create` on `clusterrolebindings` or the `bind` grant; cluster-wide bindings belong to cluster administrators and the pipeline that manages the cluster.',
    },
    peers: {
      trivy: ['KSV-0052'],
    },
    messages: {
      grant: '{{kind}} {{name}}: rule {{rule}} lets its subjects create ClusterRoleBindings, and rule {{bindRule}} lets them bind {{roles}}: they can grant those roles cluster-wide to anyone.',
    },
  },
  check(ctx) {
    // ClusterRoleBindings are cluster-scoped: only a ClusterRole (bound by a ClusterRoleBinding) can grant creating them.
    if (ctx.object.kind !== 'ClusterRole' || !isAuthorsRole(ctx.object)) return;
    const rules = policyRules(ctx.object);
    const bind = rules.map((r) => bindsPrivileged(r, ['clusterroles'])).find((g) => g);
    if (!bind) return;
    const roles = bind.rule.resourceNames.length ? bind.rule.resourceNames.filter((n) => PRIVILEGED_ROLES.includes(n)).join(', ') : 'any ClusterRole';
    for (const r of rules) {
      const create = createsBindings(r, 'clusterrolebindings');
      if (create) ctx.report({ messageId: 'grant', data: { rule: r.index + 1, bindRule: bind.rule.index + 1, roles }, path: grantPath(create) });
    }
  },
});
