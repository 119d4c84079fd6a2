import { defineRule } from '../../engine';
import { findGrants, grantPath, rolesGranting } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-rolebinding-edit',
    title: 'Role can add subjects to RoleBindings',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`update` or `patch` on RoleBindings lets a subject add any user, group or service account to a binding of a role it holds itself — for instance the very binding that gave it this right — so it can hand its rights to identities no one approved.',
      recipe: 'Remove `update` and `patch` (and `*`) on `rolebindings` from roles given to people and applications; let the deploy pipeline or an access-management tool own bindings.',
    },
    peers: {
      trivy: ['KSV-0055'],
    },
    messages: {
      edit: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} RoleBindings, and so add other subjects to the bindings of roles they hold.',
    },
  },
  check(ctx) {
    const grants = rolesGranting(ctx.object, (r) => findGrants(r, [['rbac.authorization.k8s.io', 'rolebindings']], ['update', 'patch']));
    for (const g of grants) ctx.report({ messageId: 'edit', data: { rule: g.rule.index + 1, verbs: g.verbs.join('/') }, path: grantPath(g) });
  },
});
