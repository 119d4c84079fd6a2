import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'priority-class-missing',
    title: 'Pod spec sets no priorityClassName',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without a priority class every pod has the same priority, so when the cluster is full a batch job can keep an important service from being scheduled, and preemption picks victims at random.',
      recipe: 'Define a few PriorityClasses (for example critical, default, batch) and set `priorityClassName` on every workload.',
    },
    peers: {
      polaris: ['priorityClassNotSet'],
    },
    messages: {
      missing: '{{kind}} {{name}}: no priorityClassName, so the scheduler cannot tell it from less important pods.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const v = pod.value.priorityClassName;
    if (typeof v === 'string' && v) return;
    ctx.report({ messageId: 'missing', path: pod.path });
  },
});
