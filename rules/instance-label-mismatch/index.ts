import { defineRule, isRecord } from '../../engine';

const LABEL = 'app.kubernetes.io/instance';

export default defineRule({
  meta: {
    id: 'instance-label-mismatch',
    title: 'app.kubernetes.io/instance label is missing or differs from the name',
    category: 'core',
    goals: ['utility'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'The `app.kubernetes.io/instance` label names the instance of an application; when it is missing or names something else, dashboards, cost reports and `kubectl -l` queries attribute the workload to the wrong owner.',
      recipe: 'Set `metadata.labels["app.kubernetes.io/instance"]` to the object\'s name (or make the name follow the instance).',
    },
    peers: {
      polaris: ['metadataAndInstanceMismatched'],
    },
    messages: {
      missing: '{{kind}} {{name}}: has no app.kubernetes.io/instance label.',
      mismatch: '{{kind}} {{name}}: label app.kubernetes.io/instance is "{{value}}", not the object\'s name.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    // with generateName only, the name is not known until the object is created
    if (typeof o.metadata.name !== 'string' || !o.metadata.name) return;
    const labels = isRecord(o.metadata.labels) ? o.metadata.labels : undefined;
    const v = labels?.[LABEL];
    const path = ['metadata', 'labels', LABEL];
    if (v === undefined || v === null) {
      ctx.report({ messageId: 'missing', path, fix: { title: `Add label ${LABEL}: ${o.name}`, safety: 'safe', ops: [{ op: 'set', path, value: o.name }] } });
    } else if (String(v) !== o.name) {
      ctx.report({ messageId: 'mismatch', data: { value: String(v) }, path, fix: { title: `Set ${LABEL} to ${o.name}`, safety: 'review', ops: [{ op: 'set', path, value: o.name }] } });
    }
  },
});
