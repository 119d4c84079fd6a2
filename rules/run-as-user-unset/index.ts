import { defineRule } from '../../engine';
import { reportUnsetId } from '../_lib/run-as-id';

export default defineRule({
  meta: {
    id: 'run-as-user-unset',
    title: 'No runAsUser: the image picks the UID',
    category: 'container',
    goals: ['confidentiality', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Without `runAsUser` the container runs as whatever user its image names, often root or a low UID that also exists on the node; the manifest cannot show which.',
      recipe: 'Set `securityContext.runAsUser` to a high, unshared UID such as 10001 on the pod (or on every container), one the image works with.',
    },
    peers: {
      'kube-score': ['container-security-context-user-group-id'],
      checkov: ['CKV_K8S_40'],
      trivy: ['KSV-0020'],
    },
    messages: {
      unset: '{{kind}} {{name}}: container "{{container}}" sets no runAsUser, so its image decides the UID (root or a low id shared with the node).',
    },
  },
  check(ctx) {
    reportUnsetId(ctx, 'runAsUser');
  },
});
