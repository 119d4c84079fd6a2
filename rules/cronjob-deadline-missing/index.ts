import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'cronjob-deadline-missing',
    title: 'CronJob has no startingDeadlineSeconds',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['CronJob'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without `startingDeadlineSeconds` a CronJob that missed runs (controller down, cluster upgrade) may start them all at once when it recovers, and after 100 missed runs it stops scheduling altogether.',
      recipe: 'Set `startingDeadlineSeconds` to how late a run may still usefully start (for example 300 for a job every 15 minutes).',
    },
    peers: {
      'kube-score': ['cronjob-has-deadline'],
      datree: ['CRONJOB_MISSING_STARTINGDEADLINESECOND_KEY'],
    },
    messages: {
      deadline: '{{kind}} {{name}}: no startingDeadlineSeconds, so missed runs may all start at once after an outage.',
    },
  },
  check(ctx) {
    const spec = ctx.object.value.spec;
    if (!isRecord(spec)) return;
    if (spec.startingDeadlineSeconds === undefined || spec.startingDeadlineSeconds === null) ctx.report({ messageId: 'deadline', path: ['spec'] });
  },
});
