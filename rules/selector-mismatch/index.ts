import { defineRule, getPath, isRecord } from '../../engine';
import { isEmptySelector, labelsOf, selectorMatches } from '../_lib/selectors';

export default defineRule({
  meta: {
    id: 'selector-mismatch',
    title: 'Controller selector does not match its pod template labels',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'error',
    appliesTo: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A controller owns the pods its selector matches; when the template\'s labels do not match, the API server rejects the object (apps/v1) or the controller creates pods it then cannot see, without end.',
      recipe: 'Make `spec.selector.matchLabels` a subset of `spec.template.metadata.labels` (the selector of apps/v1 objects cannot be changed later, so fix the labels or recreate the object).',
    },
    peers: {
      'kube-linter': ['mismatching-selector'],
      'kube-score': ['deployment-pod-selector-labels-match-template-metadata-labels', 'statefulset-pod-selector-labels-match-template-metadata-labels'],
      kubescape: ['C-0296'],
    },
    messages: {
      mismatch: '{{kind}} {{name}}: spec.selector does not match the pod template labels ({{labels}}), so the controller cannot find its own pods.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const labels = labelsOf(getPath(o.value, ['spec', 'template', 'metadata', 'labels']));
    const sel = getPath(o.value, ['spec', 'selector']);
    if (o.kind === 'ReplicationController' || o.kind === 'DeploymentConfig') {
      // a plain map; when absent it defaults to the template labels
      if (sel === undefined || sel === null || !isRecord(getPath(o.value, ['spec', 'template']))) return;
      const want = labelsOf(sel);
      if (Object.entries(want).some(([k, v]) => labels[k] !== v)) ctx.report({ messageId: 'mismatch', data: { labels: fmt(labels) }, path: ['spec', 'selector'] });
      return;
    }
    // a manifest without a selector or a template is a patch or a fragment (kustomize, Helm): nothing to compare
    if (!isRecord(sel) || isEmptySelector(sel) || !isRecord(getPath(o.value, ['spec', 'template']))) return;
    // a selector without matchLabels/matchExpressions is a plain map (written the old way)
    const effective = isRecord(sel.matchLabels) || Array.isArray(sel.matchExpressions) ? sel : { matchLabels: sel };
    if (!selectorMatches(effective, labels)) ctx.report({ messageId: 'mismatch', data: { labels: fmt(labels) }, path: ['spec', 'selector'] });
  },
});

function fmt(labels: Record<string, string>): string {
  const e = Object.entries(labels);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(', ') : 'none';
}
