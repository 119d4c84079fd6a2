import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'job-hygiene',
    title: 'Job or CronJob lets runs overlap or never cleans up',
    category: 'core',
    goals: ['availability', 'utility'],
    severity: 'info',
    appliesTo: ['Job', 'CronJob'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A CronJob with `concurrencyPolicy: Allow` (the default) piles up overlapping runs when one is slow, and a finished Job without `ttlSecondsAfterFinished` stays, with its pods, until someone deletes it.',
      recipe: 'Set `concurrencyPolicy: Forbid` (or `Replace`) on CronJobs and `ttlSecondsAfterFinished` on Jobs created outside a CronJob.',
    },
    peers: {
      'kube-linter': ['job-ttl-seconds-after-finished'],
      datree: ['CRONJOB_MISSING_CONCURRENCYPOLICY_KEY'],
    },
    messages: {
      concurrency: '{{kind}} {{name}}: concurrencyPolicy Allow (the default) lets runs overlap when one takes longer than the schedule.',
      ttl: '{{kind}} {{name}}: no ttlSecondsAfterFinished, so finished Jobs and their pods are never cleaned up.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : undefined;
    if (!spec) return;
    if (o.kind === 'CronJob') {
      if (spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === 'Allow') ctx.report({ messageId: 'concurrency', path: spec.concurrencyPolicy === undefined ? ['spec'] : ['spec', 'concurrencyPolicy'] });
    } else {
      // a Job owned by a CronJob or another controller is cleaned up by its owner
      const owners = o.metadata.ownerReferences;
      if (spec.ttlSecondsAfterFinished === undefined && !(Array.isArray(owners) && owners.length)) ctx.report({ messageId: 'ttl', path: ['spec'] });
    }
  },
});
