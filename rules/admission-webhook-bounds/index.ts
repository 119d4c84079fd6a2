import { defineRule } from '../../engine';
import { WEBHOOK_KINDS, isAdmissionRegistration, webhooksOf } from '../_lib/admission';

/** Longest wait per webhook call that keeps API requests responsive (the API server allows up to 30 s). */
const MAX_TIMEOUT = 15;

export default defineRule({
  meta: {
    id: 'admission-webhook-bounds',
    title: 'Admission webhook without a timeout bound or a declared side-effect class',
    category: 'cluster',
    goals: ['availability', 'integrity'],
    severity: 'info',
    appliesTo: [...WEBHOOK_KINDS],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'fail safe',
    docs: {
      summary: 'Every API request a webhook matches waits for it: without `timeoutSeconds` (or with a long one) a slow webhook stalls the cluster, and without `sideEffects: None` (or `NoneOnDryRun`) dry-run requests either fail or cause real changes.',
      recipe: 'Set `timeoutSeconds` (a few seconds, at most 15) and `sideEffects: None` on each webhook.',
    },
    peers: {},
    messages: {
      timeoutUnset: 'Webhook {{webhook}} has no timeoutSeconds: API requests wait for it up to the default {{default}} s.',
      timeoutLong: 'Webhook {{webhook}} lets API requests wait {{seconds}} s for it (more than {{max}} s).',
      sideEffectsUnset: 'Webhook {{webhook}} does not declare sideEffects: the API server cannot tell whether a dry run is safe to send to it.',
      sideEffectsUnsafe: 'Webhook {{webhook}} has sideEffects {{value}}: dry-run requests are rejected, or change something for real.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!isAdmissionRegistration(o)) return;
    const v1beta1 = o.apiVersion.endsWith('/v1beta1');
    for (const w of webhooksOf(o)) {
      const t = w.value.timeoutSeconds;
      if (t === undefined || t === null) ctx.report({ messageId: 'timeoutUnset', data: { webhook: w.name, default: v1beta1 ? 30 : 10 }, path: ['webhooks', w.index, 'name'] });
      else if (typeof t === 'number' && t > MAX_TIMEOUT) ctx.report({ messageId: 'timeoutLong', data: { webhook: w.name, seconds: t, max: MAX_TIMEOUT }, path: ['webhooks', w.index, 'timeoutSeconds'] });
      const se = w.value.sideEffects;
      if (se === undefined || se === null) ctx.report({ messageId: 'sideEffectsUnset', data: { webhook: w.name }, path: ['webhooks', w.index, 'name'] });
      else if (se === 'Unknown' || se === 'Some') ctx.report({ messageId: 'sideEffectsUnsafe', data: { webhook: w.name, value: String(se) }, path: ['webhooks', w.index, 'sideEffects'] });
    }
  },
});
