import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'scc-privileged-container',
    title: 'OpenShift SecurityContextConstraints allow privileged containers',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['SecurityContextConstraints'],
    profiles: ['recommended'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A SecurityContextConstraints object with `allowPrivilegedContainer: true` lets every user and service account it applies to run privileged containers, which are root on the node.',
      recipe: 'Set `allowPrivilegedContainer: false`, and grant the few workloads that need privilege a separate, narrowly assigned SCC.',
    },
    peers: {
      'kube-linter': ['scc-deny-privileged-container'],
    },
    messages: {
      privileged: '{{kind}} {{name}}: allowPrivilegedContainer is true, so the pods it admits may run privileged.',
    },
  },
  check(ctx) {
    if (ctx.object.value.allowPrivilegedContainer !== true) return;
    const path = ['allowPrivilegedContainer'];
    ctx.report({ messageId: 'privileged', path, fix: { title: 'Set allowPrivilegedContainer: false', safety: 'review', ops: [{ op: 'set', path, value: false }] } });
  },
});
