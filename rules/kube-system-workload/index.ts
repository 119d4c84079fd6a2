import { defineRule } from '../../engine';
import { WORKLOAD_KINDS } from '../_lib/selectors';

export default defineRule({
  meta: {
    id: 'kube-system-workload',
    title: 'Workload is deployed into kube-system',
    category: 'cluster',
    goals: ['integrity', 'possession'],
    severity: 'info',
    appliesTo: WORKLOAD_KINDS,
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'kube-system holds the control plane\'s own service accounts and secrets and is usually exempt from Pod Security Admission and policies: a workload there shares that trust and escapes those controls.',
      recipe: 'Deploy applications and add-ons into a namespace of their own; keep kube-system for components the cluster installs itself.',
    },
    peers: {
      trivy: ['KSV-0037'],
    },
    messages: {
      kubeSystem: '{{kind}} {{name}}: deployed into kube-system, next to the control plane\'s credentials and outside the usual policies.',
    },
  },
  check(ctx) {
    if (ctx.object.namespace === 'kube-system') ctx.report({ messageId: 'kubeSystem', path: ['metadata', 'namespace'] });
  },
});
