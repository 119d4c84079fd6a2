import { defineRule } from '../../engine';
import { reportUnsetId } from '../_lib/run-as-id';

export default defineRule({
  meta: {
    id: 'run-as-group-unset',
    title: 'No runAsGroup: the image picks the GID',
    category: 'container',
    goals: ['confidentiality', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Without `runAsGroup` the container\'s primary group is whatever its image names, usually root (GID 0), which opens files owned by group root on the node and in volumes.',
      recipe: 'Set `securityContext.runAsGroup` to a high, unshared GID such as 10001 on the pod (or on every container).',
    },
    peers: {
      'kube-score': ['container-security-context-user-group-id'],
      trivy: ['KSV-0021'],
    },
    messages: {
      unset: '{{kind}} {{name}}: container "{{container}}" sets no runAsGroup, so its image decides the primary GID (usually 0, root).',
    },
  },
  check(ctx) {
    reportUnsetId(ctx, 'runAsGroup');
  },
});
