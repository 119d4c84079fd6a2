import { defineRule } from '../../engine';
import { PRIVILEGED_ROLES, bindsPrivileged, createsBindings } from '../_lib/rbac-bind';
import { grantPath, isAuthorsRole, policyRules } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-grant-privileged-role',
    title: 'Role can create RoleBindings to privileged roles',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A role that can create RoleBindings and `bind` privileged roles (any role, or `cluster-admin`, `admin`, `edit`) lets its subjects give themselves or anyone else those roles, past RBAC\'s escalation check.',
      recipe: 'Remove `create` on `rolebindings` or the `bind` grant; if a subject must delegate access, let it bind only named, narrow roles (`bind` with `resourceNames`).',
    },
    peers: {
      trivy: ['KSV-0051'],
    },
    messages: {
      grant: '{{kind}} {{name}}: rule {{rule}} lets its subjects create RoleBindings, and rule {{bindRule}} lets them bind {{roles}}: they can grant those roles to anyone.',
    },
  },
  check(ctx) {
    if (!isAuthorsRole(ctx.object)) return;
    const rules = policyRules(ctx.object);
    const bind = rules.map((r) => bindsPrivileged(r, ['roles', 'clusterroles'])).find((g) => g);
    if (!bind) return;
    const roles = bind.rule.resourceNames.length ? bind.rule.resourceNames.filter((n) => PRIVILEGED_ROLES.includes(n)).join(', ') : 'any role';
    for (const r of rules) {
      const create = createsBindings(r, 'rolebindings');
      if (create) ctx.report({ messageId: 'grant', data: { rule: r.index + 1, bindRule: bind.rule.index + 1, roles }, path: grantPath(create) });
    }
  },
});
