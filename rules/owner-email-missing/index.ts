import { defineRule, isRecord } from '../../engine';

const EMAIL = /^[^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export default defineRule({
  meta: {
    id: 'owner-email-missing',
    title: 'Workload has no owner e-mail annotation',
    category: 'core',
    goals: ['possession', 'utility'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'accountability',
    docs: {
      summary: 'Without a contact address on the object, the people who run the cluster cannot reach the owner of a workload that misbehaves or is compromised.',
      recipe: 'Add an annotation (`email` by default, see the `annotation` option) holding the owning team\'s e-mail address.',
    },
    peers: {
      'kube-linter': ['required-annotation-email'],
    },
    messages: {
      missing: '{{kind}} {{name}}: has no "{{annotation}}" annotation with the owner\'s e-mail address.',
      invalid: '{{kind}} {{name}}: annotation "{{annotation}}" is "{{value}}", which is not an e-mail address.',
    },
    defaultOptions: { annotation: 'email' },
  },
  check(ctx) {
    const key = typeof ctx.options.annotation === 'string' && ctx.options.annotation ? ctx.options.annotation : 'email';
    const ann = isRecord(ctx.object.metadata.annotations) ? ctx.object.metadata.annotations : undefined;
    const v = ann?.[key];
    if (v === undefined || v === null || v === '') {
      ctx.report({ messageId: 'missing', data: { annotation: key }, path: v === undefined ? ['metadata', ann ? 'annotations' : 'name'] : ['metadata', 'annotations', key] });
    } else if (typeof v !== 'string' || !EMAIL.test(v.trim())) {
      ctx.report({ messageId: 'invalid', data: { annotation: key, value: String(v) }, path: ['metadata', 'annotations', key] });
    }
  },
});
