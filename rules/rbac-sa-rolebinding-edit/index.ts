import { defineRule } from '../../engine';
import { reportWorkloadGrant } from '../_lib/rbac-bound';
import { findGrant, type PolicyRule } from '../_lib/rbac-rules';

/** create, update or patch on RoleBindings. */
const grants = (r: PolicyRule) => findGrant(r, [['rbac.authorization.k8s.io', 'rolebindings']], ['create', 'update', 'patch']) !== undefined;

export default defineRule({
  meta: {
    id: 'rbac-sa-rolebinding-edit',
    title: 'Service account or node can create or change RoleBindings',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'warning',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    reads: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A service account or node that can create, update or patch RoleBindings can bind any role it holds to any other identity: a stolen pod token or a compromised node spreads its rights to accounts of the attacker\'s choosing.',
      recipe: 'Give workloads no write access to RoleBindings; let the deploy pipeline or an access-management tool own bindings.',
    },
    peers: {
      checkov: ['CKV2_K8S_1'],
    },
    messages: {
      bound: '{{kind}} {{name}}: gives {{subjects}} {{roleKind}} {{role}}, which can create or change RoleBindings and so pass its rights on.',
    },
  },
  check(ctx) {
    reportWorkloadGrant(ctx, grants);
  },
});
