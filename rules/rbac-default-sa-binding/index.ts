import { defineRule, isRecord } from '../../engine';
import { subjectsOf } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-default-sa-binding',
    title: 'Binding grants a role to a namespace\'s default service account',
    category: 'cluster',
    goals: ['possession', 'authenticity'],
    severity: 'warning',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Every pod that names no service account runs as `default`, so rights bound to it are given to every such pod of the namespace, today and in the future.',
      recipe: 'Create a dedicated ServiceAccount for the workload that needs the rights, bind the role to it, and set `serviceAccountName` in that workload.',
    },
    peers: {
      checkov: ['CKV_K8S_42'],
      kubescape: ['C-0189'],
    },
    messages: {
      defaultSa: '{{kind}} {{name}}: binds role "{{role}}" to the default service account of namespace "{{namespace}}", which every pod without its own account uses.',
    },
  },
  check(ctx) {
    const ref = ctx.object.value.roleRef;
    const role = isRecord(ref) && typeof ref.name === 'string' ? ref.name : '';
    for (const s of subjectsOf(ctx.object)) {
      let ns: string | undefined;
      if (s.kind === 'ServiceAccount' && s.name === 'default') ns = s.namespace ?? ctx.object.namespace ?? 'default';
      const m = s.kind === 'User' ? /^system:serviceaccount:([^:]+):default$/.exec(s.name) : null;
      if (m) ns = m[1];
      if (ns === undefined) continue;
      ctx.report({ messageId: 'defaultSa', data: { role, namespace: ns }, path: [...s.path, 'name'] });
    }
  },
});
