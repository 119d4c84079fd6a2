import { defineRule } from '../../engine';
import { podServiceAccount } from '../_lib/rbac';

export default defineRule({
  meta: {
    id: 'default-service-account',
    title: 'Pod runs as the default service account',
    category: 'core',
    goals: ['possession', 'authenticity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    // a pod that names no account and mounts its token gets one finding, the token's (which names "default")
    yieldsTo: ['service-account-token-automount'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Every pod of a namespace that names no service account shares the `default` one, so a permission granted to it reaches all of them and audit logs cannot tell the workloads apart.',
      recipe: 'Create a ServiceAccount for the workload (with `automountServiceAccountToken: false` unless it calls the API) and set `serviceAccountName` to it.',
    },
    peers: {
      'kube-linter': ['default-service-account'],
      kubesec: ['ServiceAccountName'],
    },
    messages: {
      explicit: '{{kind}} {{name}} runs as the default service account, shared by every pod of its namespace.',
      unset: '{{kind}} {{name}} names no service account, so it runs as the default one, shared by every pod of its namespace.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const sa = podServiceAccount(pod);
    if (sa.name !== 'default') return;
    ctx.report({ messageId: sa.from === 'unset' ? 'unset' : 'explicit', path: sa.path });
  },
});
