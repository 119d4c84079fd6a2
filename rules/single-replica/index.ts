import { defineRule, isRecord } from '../../engine';
import { hpasTargeting, replicasOf, REPLICATED_KINDS } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'single-replica',
    title: 'Workload runs a single replica',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: REPLICATED_KINDS,
    reads: ['HorizontalPodAutoscaler'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'With one replica, every node drain, eviction, crash or rollout takes the service down until a new pod is scheduled and ready.',
      recipe: 'Run at least two replicas (three across zones for important services), or let a HorizontalPodAutoscaler with `minReplicas: 2` manage the count.',
    },
    peers: {
      'kube-linter': ['minimum-three-replicas'],
      polaris: ['deploymentMissingReplicas'],
      'kube-score': ['deployment-replicas'],
      datree: ['DEPLOYMENT_INCORRECT_REPLICAS_VALUE'],
    },
    defaultOptions: { minReplicas: 2 },
    messages: {
      few: '{{kind}} {{name}}: runs {{replicas}} replica(s), fewer than {{min}}; any disruption takes it down.',
      unset: '{{kind}} {{name}}: replicas is not set, so it runs a single pod; any disruption takes it down.',
    },
  },
  check(ctx) {
    const min = typeof ctx.options.minReplicas === 'number' ? ctx.options.minReplicas : 2;
    if (!isRecord(ctx.object.value.spec)) return;
    if (hpasTargeting(ctx.object, ctx.objects).length) return; // the autoscaler owns the count
    const n = replicasOf(ctx.object);
    if (n === 0) return; // scaled down on purpose
    if (n === undefined) {
      if (ctx.object.value.spec.replicas !== undefined) return; // a template expression or a string: not ours to judge
      ctx.report({ messageId: 'unset', path: ['spec'], fix: { title: `Set replicas: ${min}`, safety: 'review', ops: [{ op: 'set', path: ['spec', 'replicas'], value: min }] } });
    } else if (n < min) {
      ctx.report({ messageId: 'few', data: { replicas: n, min }, path: ['spec', 'replicas'], fix: { title: `Set replicas: ${min}`, safety: 'review', ops: [{ op: 'set', path: ['spec', 'replicas'], value: min }] } });
    }
  },
});
