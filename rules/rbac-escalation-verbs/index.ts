import { defineRule } from '../../engine';
import { findGrant, rolesGranting, verbPath, type Grant, type PolicyRule } from '../_lib/rbac-rules';

type Targets = ReadonlyArray<readonly [string, string]>;
const RBAC = 'rbac.authorization.k8s.io';
const ROLES: Targets = [[RBAC, 'roles'], [RBAC, 'clusterroles']];
const IDENTITIES: Targets = [
  ['', 'users'], ['', 'groups'], ['', 'serviceaccounts'], ['authentication.k8s.io', 'uids'],
];
// A Role grants only within its namespace: binding roles or ClusterRoles there (RoleBindings), escalating its Roles,
// impersonating its service accounts. Users, groups, uids and ClusterRoles themselves are cluster-scoped.
const NAMESPACED = new Map<string, Targets>([['escalate', [[RBAC, 'roles']]], ['bind', ROLES], ['impersonate', [['', 'serviceaccounts']]]]);
const CLUSTER = new Map<string, Targets>([['escalate', ROLES], ['bind', ROLES], ['impersonate', IDENTITIES]]);

/**
 * What one item of the rule's `verbs` grants of escalate/bind (on roles) and impersonate (on identities): the
 * item itself when it names one of them and the resources allow it, all that apply when it is `*`.
 */
function escalation(r: PolicyRule, verb: string, kind: string): string[] {
  const targets = kind === 'Role' ? NAMESPACED : CLUSTER;
  const wanted = verb === '*' ? ['escalate', 'bind', 'impersonate'] : [verb];
  const only: PolicyRule = { ...r, verbs: [verb] };
  return wanted.filter((v) => {
    const t = targets.get(v);
    return t !== undefined && findGrant(only, t, [v]) !== undefined;
  });
}

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
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
      escalation: '{{kind}} {{name}}: rule {{rule}} grants {{verbs}}{{via}}, which lets its subjects gain rights they do not have.',
    },
  },
  check(ctx) {
    // one finding per verb item: each is a separate right to take away
    const grants = rolesGranting(ctx.object, (r) => r.verbs.flatMap((verb, item): Grant[] => {
      const verbs = escalation(r, verb, ctx.object.kind);
      return verbs.length ? [{ rule: r, group: '', resource: verb, verbs, item }] : [];
    }));
    for (const g of grants) {
      const via = g.resource === '*' ? ' (through "*")' : '';
      ctx.report({ messageId: 'escalation', data: { rule: g.rule.index + 1, verbs: g.verbs.map((v) => `"${v}"`).join(', '), via }, path: verbPath(g.rule, g.item) });
    }
  },
});
