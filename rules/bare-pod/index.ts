import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'bare-pod',
    title: 'Pod is not managed by a controller',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['Pod'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A Pod created directly is not recreated when its node fails, is drained or evicts it: the workload silently disappears.',
      recipe: 'Wrap the pod spec in a Deployment (long-running), a StatefulSet (stable identity), a DaemonSet (one per node) or a Job (run to completion).',
    },
    peers: {
      kubescape: ['C-0073'],
      datree: ['K8S_INCORRECT_KIND_VALUE_POD'],
    },
    messages: {
      bare: '{{kind}} {{name}}: no controller recreates this pod when its node fails or is drained.',
    },
  },
  check(ctx) {
    const owners = ctx.object.metadata.ownerReferences;
    if (Array.isArray(owners) && owners.some((x) => isRecord(x) && x.controller === true)) return;
    ctx.report({ messageId: 'bare', path: ['kind'] });
  },
});
