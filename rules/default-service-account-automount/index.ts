import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'default-service-account-automount',
    title: 'The default ServiceAccount mounts its token into pods',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'info',
    appliesTo: ['ServiceAccount'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'secure by default',
    docs: {
      summary: 'Unless the `default` ServiceAccount sets `automountServiceAccountToken: false`, every pod that names no account of its own gets an API token it almost never needs.',
      recipe: 'Set `automountServiceAccountToken: false` on each namespace\'s `default` ServiceAccount, and give workloads that call the API their own ServiceAccount.',
    },
    peers: {
      checkov: ['CKV_K8S_41'],
      datree: ['CIS_INVALID_VALUE_AUTOMOUNTSERVICEACCOUNTTOKEN'],
    },
    messages: {
      missing: '{{kind}} {{name}}: automountServiceAccountToken is not set, so pods that use the default account get its token.',
      enabled: '{{kind}} {{name}}: automountServiceAccountToken is not false, so pods that use the default account get its token.',
    },
  },
  check(ctx) {
    if (ctx.object.name !== 'default') return;
    const value = ctx.object.value.automountServiceAccountToken;
    if (value === false) return;
    const path = ['automountServiceAccountToken'];
    ctx.report({
      messageId: value === undefined || value === null ? 'missing' : 'enabled', path,
      fix: { title: 'Set automountServiceAccountToken: false', safety: 'review', ops: [{ op: 'set', path, value: false }] },
    });
  },
});
