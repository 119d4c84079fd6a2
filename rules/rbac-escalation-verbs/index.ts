import { defineRule } from '../../engine';
import { findGrant, grantPath, rolesGranting, type PolicyRule } from '../_lib/rbac-rules';

const RBAC = 'rbac.authorization.k8s.io';
const ROLES: ReadonlyArray<readonly [string, string]> = [[RBAC, 'roles'], [RBAC, 'clusterroles']];
const IDENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['', 'users'], ['', 'groups'], ['', 'serviceaccounts'], ['authentication.k8s.io', 'uids'],
];

function escalation(r: PolicyRule): string[] {
  const verbs: string[] = [];
  const onRoles = findGrant(r, ROLES, ['escalate', 'bind']);
  if (onRoles) verbs.push(...onRoles.verbs);
  if (findGrant(r, IDENTITIES, ['impersonate'])) verbs.push('impersonate');
  return verbs;
}

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['Role', 'ClusterRole'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`escalate` and `bind` let a subject write or bind roles with rights it does not hold, and `impersonate` lets it act as any user, group or service account: each is a direct path to cluster-admin.',
      recipe: 'Remove `escalate`, `bind` and `impersonate` (and `*` verbs) from rules on roles, clusterroles, users, groups and serviceaccounts; keep them for cluster administrators only.',
    },
    peers: {
      checkov: ['CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_3'],
      kubescape: ['C-0191', 'C-0065'],
      trivy: ['KSV-0043', 'KSV-0050'],
      datree: ['CIS_INVALID_VALUE_BIND_IMPERSONATE_ESCALATE'],
    },
    messages: {
      escalation: '{{kind}} {{name}}: rule {{rule}} grants {{verbs}}, which lets its subjects gain rights they do not have.',
    },
  },
  check(ctx) {
    const grants = rolesGranting(ctx.object, (r) => {
      const verbs = escalation(r);
      return verbs.length ? { rule: r, group: '', resource: '', verbs } : undefined;
    });
    for (const g of grants) {
      ctx.report({ messageId: 'escalation', data: { rule: g.rule.index + 1, verbs: g.verbs.map((v) => `"${v}"`).join(', ') }, path: grantPath(ctx.object, g.rule) });
    }
  },
});
