import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'duplicate-env-var',
    title: 'Environment variable is set twice in one container',
    category: 'core',
    goals: ['integrity', 'utility'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'When `env` lists a name twice the container gets only the last value, so a reviewer who reads the first one misjudges the configuration (a debug flag, a endpoint, a feature switch).',
      recipe: 'Keep one entry per name, with the value you intend; the quick fix removes the earlier entries, which Kubernetes ignores anyway.',
    },
    peers: {
      'kube-linter': ['duplicate-env-var'],
      'kube-score': ['environment-variable-key-duplication'],
      kubescape: ['C-0295'],
    },
    messages: {
      duplicate: '{{kind}} {{name}}: container "{{container}}" sets {{env}} again further down; only the last value is used.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = c.value.env;
      if (!Array.isArray(env)) continue;
      const last = new Map<string, number>();
      env.forEach((e, i) => { if (isRecord(e) && typeof e.name === 'string') last.set(e.name, i); });
      env.forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string' || last.get(e.name) === i) return;
        const path = [...c.path, 'env', i];
        ctx.report({
          messageId: 'duplicate',
          data: { container: c.name, env: e.name },
          path: [...path, 'name'],
          fix: { title: `Remove the overridden ${e.name}`, safety: 'safe', ops: [{ op: 'remove', path }] },
        });
      });
    }
  },
});
