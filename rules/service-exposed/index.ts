import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'service-exposed',
    title: 'Service is exposed outside the cluster (NodePort or LoadBalancer)',
    category: 'cluster',
    goals: ['confidentiality', 'possession'],
    severity: 'info',
    appliesTo: ['Service'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A NodePort Service listens on every node\'s address and a LoadBalancer Service gets an external address: both put the workload in reach of networks outside the cluster.',
      recipe: 'Use `type: ClusterIP` and publish HTTP through an Ingress or Gateway; when an external address is required, restrict it with `loadBalancerSourceRanges`.',
    },
    peers: {
      'kube-linter': ['exposed-services'],
      'kube-score': ['service-type'],
      kubescape: ['C-0256'],
      datree: ['SERVICE_INCORRECT_TYPE_VALUE_NODEPORT'],
    },
    messages: {
      nodePort: '{{kind}} {{name}}: type NodePort opens its ports on every node of the cluster.',
      loadBalancer: '{{kind}} {{name}}: type LoadBalancer gives it an external address reachable from any source.',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    if (spec.type === 'NodePort') ctx.report({ messageId: 'nodePort', path: ['spec', 'type'] });
    if (spec.type === 'LoadBalancer') {
      const ranges = spec.loadBalancerSourceRanges;
      if (Array.isArray(ranges) && ranges.length && !ranges.some((r) => r === '0.0.0.0/0' || r === '::/0')) return;
      ctx.report({ messageId: 'loadBalancer', path: ['spec', 'type'] });
    }
  },
});
