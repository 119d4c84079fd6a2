import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'owner-label-missing',
    title: 'Workload has no owner label',
    category: 'core',
    goals: ['possession', 'utility'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'accountability',
    docs: {
      summary: 'Without an owner label nobody can tell, from the cluster alone, which team to call when the workload misbehaves, is compromised or costs too much.',
      recipe: 'Add the owner label (`owner` by default, see the `label` option) to the object\'s `metadata.labels`, naming the owning team.',
    },
    peers: {
      'kube-linter': ['required-label-owner'],
      datree: ['WORKLOAD_MISSING_LABEL_OWNER_VALUE'],
    },
    messages: {
      missing: '{{kind}} {{name}}: has no "{{label}}" label naming the team that owns it.',
    },
    defaultOptions: { label: 'owner' },
  },
  check(ctx) {
    const label = typeof ctx.options.label === 'string' && ctx.options.label ? ctx.options.label : 'owner';
    const labels = isRecord(ctx.object.metadata.labels) ? ctx.object.metadata.labels : {};
    const v = labels[label];
    if (v !== undefined && v !== null && v !== '') return;
    ctx.report({ messageId: 'missing', data: { label }, path: v === undefined ? ['metadata', 'labels'] : ['metadata', 'labels', label] });
  },
});
