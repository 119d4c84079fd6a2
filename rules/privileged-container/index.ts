import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Container runs privileged',
    category: 'container',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Privileged Containers',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A privileged container has every capability and all host devices: it is root on the node.',
      recipe: 'Set `securityContext.privileged: false` (or remove the key); grant only the specific capability the workload needs.',
    },
    peers: {
      'kube-linter': ['privileged-container'],
      polaris: ['runAsPrivileged'],
      'kube-score': ['container-security-context-privileged'],
      checkov: ['CKV_K8S_16'],
      kubescape: ['C-0057'],
      kubesec: ['Privileged'],
      trivy: ['KSV-0017'],
      datree: ['CONTAINERS_INCORRECT_PRIVILEGED_VALUE_TRUE'],
      pss: ['privileged'],
    },
    messages: {
      privileged: '{{kind}} {{name}}: container "{{container}}" runs privileged, with full access to the node.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const s = c.effective('privileged');
      if (s.value !== true) continue;
      ctx.report({
        messageId: 'privileged',
        data: { container: c.name },
        path: s.path,
        fix: { title: 'Set privileged: false', safety: 'safe', ops: [{ op: 'set', path: s.path, value: false }] },
      });
    }
  },
});
