import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'duplicate-key',
    title: 'Key written twice; Kubernetes silently keeps the last value',
    category: 'chain',
    goals: ['integrity', 'authenticity'],
    severity: 'error',
    // runs on every document that is composed for another rule; duplicates are found by the parser
    appliesTo: ['podSpec', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Service', 'Ingress', 'NetworkPolicy', 'ServiceAccount', 'Namespace'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'When a key appears twice in one mapping, reviewers read the first value while the API server applies the last one.',
      recipe: 'Delete the duplicate so the key is written once, with the value you intend.',
    },
    peers: { 'kube-linter': [], polaris: [] },
    messages: {
      duplicate: '{{kind}} {{name}}: "{{key}}" is written {{count}} times; Kubernetes uses the last value.',
    },
  },
  check(ctx) {
    for (const d of ctx.duplicates) {
      ctx.report({ messageId: 'duplicate', data: { key: String(d.path[d.path.length - 1]), count: d.count }, path: d.path });
    }
  },
});
