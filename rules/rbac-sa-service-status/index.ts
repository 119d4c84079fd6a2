import { defineRule } from '../../engine';
import { reportWorkloadGrant } from '../_lib/rbac-bound';
import { findGrant, type PolicyRule } from '../_lib/rbac-rules';

/** update or patch on the status subresource of Services. */
const grants = (r: PolicyRule) => findGrant(r, [['', 'services/status']], ['update', 'patch']) !== undefined;

export default defineRule({
  meta: {
    id: 'rbac-sa-service-status',
    title: 'Service account or node can change services/status',
    category: 'cluster',
    goals: ['integrity', 'confidentiality', 'authenticity'],
    severity: 'warning',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    reads: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A service account or node that can update or patch `services/status` can set a LoadBalancer Service\'s ingress IP to any address, and kube-proxy then sends the cluster\'s traffic for that IP to the Service (CVE-2020-8554, unfixed in Kubernetes): a man-in-the-middle position.',
      recipe: 'Give update and patch on `services/status` only to the cloud or load-balancer controller that owns LoadBalancer Services; block the attack with an admission policy that restricts `status.loadBalancer.ingress`.',
    },
    peers: {
      checkov: ['CKV2_K8S_4'],
    },
    messages: {
      bound: '{{kind}} {{name}}: gives {{subjects}} {{roleKind}} {{role}}, which can change services/status and so set a LoadBalancer IP that captures traffic (CVE-2020-8554).',
    },
  },
  check(ctx) {
    reportWorkloadGrant(ctx, grants);
  },
});
