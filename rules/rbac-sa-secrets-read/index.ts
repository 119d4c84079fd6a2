import { defineRule } from '../../engine';
import { reportWorkloadGrant } from '../_lib/rbac-bound';
import { findGrant, type PolicyRule } from '../_lib/rbac-rules';

/** get, list or watch on Secrets of the core group, not narrowed to named Secrets. */
const grants = (r: PolicyRule) => !r.resourceNames.length && findGrant(r, [['', 'secrets']], ['get', 'list', 'watch']) !== undefined;

export default defineRule({
  meta: {
    id: 'rbac-sa-secrets-read',
    title: 'Service account or node can read every Secret',
    category: 'cluster',
    goals: ['confidentiality', 'possession'],
    severity: 'warning',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    reads: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A binding that lets a service account or a node get, list or watch Secrets without naming them puts every credential in its scope one stolen pod token or compromised node away.',
      recipe: 'Bind the service account to a role that names the Secrets it reads (`resourceNames`), or mount those Secrets into its pods instead of reading them through the API.',
    },
    peers: {
      checkov: ['CKV2_K8S_5'],
    },
    messages: {
      bound: '{{kind}} {{name}}: gives {{subjects}} {{roleKind}} {{role}}, which can read every Secret in its scope.',
    },
  },
  check(ctx) {
    reportWorkloadGrant(ctx, grants);
  },
});
