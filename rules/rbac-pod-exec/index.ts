import { defineRule, type K8sObject } from '../../engine';
import { coversGroup, findGrant, grantPath, grantedVerbs, itemCovers, policyRules, rolesGranting, type Grant, type PolicyRule } from '../_lib/rbac-rules';
import { findBoundRole, isPlatformRbac, roleRefOf } from '../_lib/rbac';

const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/portforward'];

/** The exec-like subresources a policy rule grants (the API server authorizes them as `create` over SPDY, `get` over WebSocket). */
function execGrants(r: PolicyRule): string[] {
  return SUBRESOURCES.filter((s) => findGrant(r, [['', s]], ['create', 'get']));
}

/**
 * Default ClusterRoles whose rights are known without seeing them: `admin` and `edit` include exec, attach and
 * port-forward. (A binding to the default `cluster-admin` is rbac-cluster-admin-binding's finding.)
 */
const BUILT_IN_EXEC: Readonly<Record<string, string>> = { admin: SUBRESOURCES.join(', '), edit: SUBRESOURCES.join(', ') };

function boundExec(binding: K8sObject, objects: ReadonlyArray<K8sObject>): { roleKind: string; role: string; resources: string } | undefined {
  const ref = roleRefOf(binding);
  if (!ref) return undefined;
  const role = findBoundRole(binding, ref, objects);
  if (role) {
    const hits = [...new Set(policyRules(role).flatMap(execGrants))];
    return hits.length ? { roleKind: role.kind, role: role.name, resources: hits.join(', ') } : undefined;
  }
  // a role that is not in the scan is kept elsewhere; only the defaults' rights are known
  if (ref.kind === 'ClusterRole' && BUILT_IN_EXEC[ref.name]) return { roleKind: 'ClusterRole', role: ref.name, resources: BUILT_IN_EXEC[ref.name] };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Role can exec into, attach to or port-forward to pods',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    reads: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`pods/exec`, `pods/attach` and `pods/portforward` give a shell or a network tunnel into running containers: their files, their mounted secrets and their service-account token.',
      recipe: 'Remove `pods/exec`, `pods/attach` and `pods/portforward` (and `*` resources) from the role, or keep them in a separate break-glass role bound only to operators.',
    },
    peers: {
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach', 'clusterrolebindingPodExecAttach', 'rolebindingClusterRolePodExecAttach', 'rolebindingRolePodExecAttach'],
      checkov: ['CKV2_K8S_2'],
      kubescape: ['C-0002', 'C-0063'],
      trivy: ['KSV-0053', 'KSV-0054'],
      datree: ['CONTAINERS_INCORRECT_RESOURCES_VERBS_VALUE'],
    },
    peerMessages: {
      polaris: {
        clusterrolePodExecAttach: ['exec'],
        rolePodExecAttach: ['exec'],
        clusterrolebindingPodExecAttach: ['clusterBinding'],
        rolebindingClusterRolePodExecAttach: ['roleBindingClusterRole'],
        rolebindingRolePodExecAttach: ['roleBindingRole'],
      },
    },
    messages: {
      exec: '{{kind}} {{name}}: rule {{rule}} grants {{resources}}, a shell or tunnel into running containers.',
      clusterBinding: '{{kind}} {{name}}: binds its subjects to ClusterRole {{role}}, which grants {{resources}} in every namespace.',
      roleBindingClusterRole: '{{kind}} {{name}}: binds its subjects to ClusterRole {{role}}, which grants {{resources}} in the binding\'s namespace.',
      roleBindingRole: '{{kind}} {{name}}: binds its subjects to Role {{role}}, which grants {{resources}}.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      if (isPlatformRbac(o) || o.name.startsWith('gce:')) return;
      const b = boundExec(o, ctx.objects);
      if (!b) return;
      const messageId = o.kind === 'ClusterRoleBinding' ? 'clusterBinding' : b.roleKind === 'ClusterRole' ? 'roleBindingClusterRole' : 'roleBindingRole';
      ctx.report({ messageId, data: { role: b.role, resources: b.resources }, path: ['roleRef', 'name'] });
      return;
    }
    // one finding per `resources` item: `pods/exec` and `pods/attach` are two rights to take away, `*` one
    const grants = rolesGranting(o, (r) => {
      const verbs = grantedVerbs(r, ['create', 'get']);
      if (!verbs.length || !coversGroup(r, '')) return [];
      return r.resources.flatMap((x, item): Grant[] => {
        const hits = SUBRESOURCES.filter((s) => itemCovers(x, s));
        return hits.length ? [{ rule: r, group: '', resource: hits.join(', '), verbs, item }] : [];
      });
    });
    for (const g of grants) ctx.report({ messageId: 'exec', data: { rule: g.rule.index + 1, resources: g.resource }, path: grantPath(g) });
  },
});
