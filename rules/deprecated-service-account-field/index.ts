import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'deprecated-service-account-field',
    title: 'Pod spec uses the deprecated serviceAccount field',
    category: 'core',
    goals: ['utility', 'integrity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: '`serviceAccount` is a deprecated alias of `serviceAccountName`; when both are written and differ, reviewers and tools may read the wrong one.',
      recipe: 'Rename `serviceAccount` to `serviceAccountName` (or delete it when `serviceAccountName` is already set to the same account).',
    },
    peers: {
      'kube-linter': ['deprecated-service-account-field'],
      kubescape: ['C-0294'],
    },
    messages: {
      deprecated: '{{kind}} {{name}}: serviceAccount is deprecated; use serviceAccountName.',
      conflict: '{{kind}} {{name}}: serviceAccount "{{old}}" differs from serviceAccountName "{{current}}"; Kubernetes uses serviceAccountName.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const old = pod.value.serviceAccount;
    if (typeof old !== 'string' || !old) return;
    const current = pod.value.serviceAccountName;
    const oldPath = [...pod.path, 'serviceAccount'];
    const newPath = [...pod.path, 'serviceAccountName'];
    if (current === undefined) {
      // the key itself is renamed: it keeps its place, its value as written and its trailing comment
      ctx.report({
        messageId: 'deprecated',
        path: oldPath,
        fix: { title: 'Rename to serviceAccountName', safety: 'safe', ops: [{ op: 'rename', path: oldPath, to: 'serviceAccountName' }] },
      });
    } else if (current === null || current === '') {
      // `serviceAccountName:` is written but empty: it takes the value, the old key goes
      ctx.report({
        messageId: 'deprecated',
        path: oldPath,
        fix: { title: 'Move the value to serviceAccountName', safety: 'safe', ops: [{ op: 'set', path: newPath, value: old }, { op: 'remove', path: oldPath }] },
      });
    } else if (current === old) {
      ctx.report({ messageId: 'deprecated', path: oldPath, fix: { title: 'Remove the deprecated duplicate', safety: 'safe', ops: [{ op: 'remove', path: oldPath }] } });
    } else {
      ctx.report({ messageId: 'conflict', data: { old, current: String(current) }, path: oldPath });
    }
  },
});
