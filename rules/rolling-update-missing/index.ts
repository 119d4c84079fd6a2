import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'rolling-update-missing',
    title: 'Workload replaces all pods at once on update',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['Deployment', 'StatefulSet', 'DaemonSet'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'With `Recreate` every pod is stopped before the new version starts, so each rollout is an outage; with `OnDelete` updates are never rolled out until someone deletes the pods, so security fixes sit unapplied.',
      recipe: 'Use `strategy.type: RollingUpdate` (Deployment) or `updateStrategy.type: RollingUpdate` (StatefulSet, DaemonSet), with a `maxUnavailable` the service can afford.',
    },
    peers: {
      'kube-linter': ['no-rolling-update-strategy'],
      'kube-score': ['deployment-strategy'],
      kubescape: ['C-0305'],
    },
    messages: {
      recreate: '{{kind}} {{name}}: strategy Recreate stops every pod before starting the new version.',
      other: '{{kind}} {{name}}: strategy {{type}} does not replace pods gradually.',
      onDelete: '{{kind}} {{name}}: updateStrategy OnDelete rolls nothing out until pods are deleted by hand.',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    const key = ctx.object.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const s = spec[key];
    if (!isRecord(s)) return;
    if (s.type === undefined || s.type === 'RollingUpdate') return;
    if (s.type === 'OnDelete') ctx.report({ messageId: 'onDelete', path: ['spec', key, 'type'] });
    else if (s.type === 'Recreate') ctx.report({ messageId: 'recreate', path: ['spec', key, 'type'] });
    else ctx.report({ messageId: 'other', data: { type: String(s.type) }, path: ['spec', key, 'type'] });
  },
});
