import { defineRule } from '../../engine';

/** Controllers that keep pods running: the API server accepts only `restartPolicy: Always` in their template. */
const ALWAYS_ONLY = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'];

export default defineRule({
  meta: {
    id: 'restart-policy-invalid',
    title: 'restartPolicy does not restart failed containers',
    category: 'code',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['Pod', ...ALWAYS_ONLY],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A long-running controller accepts only `restartPolicy: Always`, so any other value gets the manifest rejected; a Pod with `Never` leaves a crashed container stopped for good.',
      recipe: 'Remove `restartPolicy` from Deployment, StatefulSet, DaemonSet and ReplicaSet templates (it defaults to `Always`); give a Pod `Always` or `OnFailure`, or run one-off work as a Job.',
    },
    peers: {
      'kube-linter': ['restart-policy'],
      datree: ['WORKLOAD_INCORRECT_RESTARTPOLICY_VALUE_ALWAYS'],
    },
    // a one-shot Pod with Never is often deliberate (a test or a task pod): asked for in the `all` profile only
    defaultOptions: { reportNeverOnPods: false },
    profileOptions: { all: { reportNeverOnPods: true } },
    messages: {
      controller: '{{kind}} {{name}}: restartPolicy {{value}} is rejected for a {{kind}}; its pods must use Always.',
      pod: '{{kind}} {{name}}: restartPolicy Never leaves a crashed container stopped; nothing restarts it.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const rp = pod.value.restartPolicy;
    if (rp === undefined || rp === null) return;
    const path = [...pod.path, 'restartPolicy'];
    if (ALWAYS_ONLY.includes(ctx.object.kind)) {
      if (rp !== 'Always') ctx.report({ messageId: 'controller', data: { value: String(rp) }, path, fix: { title: 'Set restartPolicy: Always', safety: 'safe', ops: [{ op: 'set', path, value: 'Always' }] } });
    } else if (rp === 'Never' && ctx.options.reportNeverOnPods === true) {
      ctx.report({ messageId: 'pod', path, fix: { title: 'Set restartPolicy: OnFailure', safety: 'review', ops: [{ op: 'set', path, value: 'OnFailure' }] } });
    }
  },
});
