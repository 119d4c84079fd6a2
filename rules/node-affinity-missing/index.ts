import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'node-affinity-missing',
    title: 'Workload does not say which nodes it may run on',
    category: 'cluster',
    goals: ['confidentiality', 'availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without node affinity or a node selector the scheduler may place the pods on any node, next to workloads of another trust level or on hardware that does not suit them.',
      recipe: 'Add `affinity.nodeAffinity` (or a `nodeSelector`) that keeps the pods on the node pool meant for them.',
    },
    peers: {
      'kube-linter': ['no-node-affinity'],
    },
    messages: {
      missing: '{{kind}} {{name}}: sets neither node affinity nor a nodeSelector, so its pods may land on any node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const aff = pod.value.affinity;
    if (isRecord(aff) && isRecord(aff.nodeAffinity) && Object.keys(aff.nodeAffinity).length) return;
    if (isRecord(pod.value.nodeSelector) && Object.keys(pod.value.nodeSelector).length) return;
    if (typeof pod.value.nodeName === 'string' && pod.value.nodeName) return;
    ctx.report({ messageId: 'missing', path: pod.path });
  },
});
