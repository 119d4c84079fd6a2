import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'pdb-unhealthy-eviction-policy',
    title: 'PodDisruptionBudget keeps unhealthy pods from being evicted',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['PodDisruptionBudget'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without `unhealthyPodEvictionPolicy` a budget counts running-but-unready pods against itself, so a crash-looping pod can block every node drain until it becomes healthy.',
      recipe: 'Set `spec.unhealthyPodEvictionPolicy: AlwaysAllow` (or write `IfHealthyBudget` when the default is what you want).',
    },
    peers: {
      'kube-linter': ['pdb-unhealthy-pod-eviction-policy'],
    },
    messages: {
      unset: '{{kind}} {{name}}: unhealthyPodEvictionPolicy is not set, so unready pods cannot be evicted while the budget is exhausted and node drains can stall.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    // the field exists in policy/v1 only
    if (o.apiVersion !== 'policy/v1') return;
    const spec = o.value.spec;
    if (!isRecord(spec) || spec.unhealthyPodEvictionPolicy !== undefined) return;
    const path = ['spec', 'unhealthyPodEvictionPolicy'];
    ctx.report({ messageId: 'unset', path, fix: { title: 'Set unhealthyPodEvictionPolicy: AlwaysAllow', safety: 'review', ops: [{ op: 'set', path, value: 'AlwaysAllow' }] } });
  },
});
