import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'job-restart-policy',
    title: 'Job pod template does not set restartPolicy OnFailure or Never',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'warning',
    appliesTo: ['Job', 'CronJob'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A Job\'s pods must use `restartPolicy: OnFailure` or `Never`; the default `Always` (or any other value) makes the API server reject the Job, so the schedule silently never runs.',
      recipe: 'Set `restartPolicy: OnFailure` (retry in place) or `Never` (a new pod per retry) in the pod template.',
    },
    peers: {
      'kube-score': ['cronjob-restartpolicy'],
    },
    messages: {
      restartPolicy: '{{kind}} {{name}}: restartPolicy must be OnFailure or Never for Job pods (found {{value}}).',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const rp = pod.value.restartPolicy;
    if (rp === undefined) ctx.report({ messageId: 'restartPolicy', data: { value: 'unset, which means Always' }, path: pod.path });
    else if (rp !== 'OnFailure' && rp !== 'Never') ctx.report({ messageId: 'restartPolicy', data: { value: String(rp) }, path: [...pod.path, 'restartPolicy'] });
  },
});
