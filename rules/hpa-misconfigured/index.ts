import { defineRule, isRecord } from '../../engine';
import { hpasTargeting } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'hpa-misconfigured',
    title: 'HorizontalPodAutoscaler cannot keep the workload available',
    category: 'core',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['HorizontalPodAutoscaler', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'],
    reads: ['HorizontalPodAutoscaler'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'An autoscaler whose minimum is one replica scales the service down to a single pod, one whose minimum equals its maximum never scales, and a target that also sets `replicas` is resized back and forth by every deploy.',
      recipe: 'Set `minReplicas` to at least 2 and below `maxReplicas`, and remove `spec.replicas` from the workload the autoscaler manages.',
    },
    peers: {
      'kube-linter': ['hpa-minimum-three-replicas'],
      polaris: ['hpaMinAvailability', 'hpaMaxAvailability'],
      'kube-score': ['horizontalpodautoscaler-replicas', 'deployment-targeted-by-hpa-does-not-have-replicas-configured'],
      datree: ['HPA_MISSING_MINREPLICAS_KEY', 'HPA_MISSING_MAXREPLICAS_KEY'],
    },
    peerMessages: {
      'kube-linter': { 'hpa-minimum-three-replicas': ['lowMin'] },
      polaris: { hpaMinAvailability: ['lowMin'], hpaMaxAvailability: ['fixed'] },
      'kube-score': { 'horizontalpodautoscaler-replicas': ['lowMin', 'fixed'], 'deployment-targeted-by-hpa-does-not-have-replicas-configured': ['staticReplicas'] },
    },
    // one replica is a common deliberate floor for small services: a minimum of 2 is asked for in `all`
    defaultOptions: { minReplicas: 1 },
    profileOptions: { all: { minReplicas: 2 } },
    messages: {
      lowMin: '{{kind}} {{name}}: minReplicas {{value}} lets it scale down to fewer than {{min}} pods.',
      fixed: '{{kind}} {{name}}: minReplicas equals maxReplicas ({{value}}), so it never scales.',
      staticReplicas: '{{kind}} {{name}}: sets replicas although HorizontalPodAutoscaler {{hpa}} manages the count; every apply resets it.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : undefined;
    if (!spec) return;
    if (o.kind !== 'HorizontalPodAutoscaler') {
      if (spec.replicas === undefined) return;
      const hpa = hpasTargeting(o, ctx.objects)[0];
      if (hpa) ctx.report({ messageId: 'staticReplicas', data: { hpa: hpa.name }, path: ['spec', 'replicas'], fix: { title: 'Remove replicas', safety: 'review', ops: [{ op: 'remove', path: ['spec', 'replicas'] }] } });
      return;
    }
    const want = typeof ctx.options.minReplicas === 'number' ? ctx.options.minReplicas : 1;
    const { minReplicas: min, maxReplicas: max } = spec;
    if (typeof min === 'number' && min < want) ctx.report({ messageId: 'lowMin', data: { value: min, min: want }, path: ['spec', 'minReplicas'] });
    if (typeof min === 'number' && min === max) ctx.report({ messageId: 'fixed', data: { value: min }, path: ['spec', 'maxReplicas'] });
  },
});
