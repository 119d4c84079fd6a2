import { defineRule, isRecord } from '../../engine';

const empty = (v: unknown) => !isRecord(v) || Object.keys(v).length === 0;

export default defineRule({
  meta: {
    id: 'no-security-context',
    title: 'No securityContext: runs on runtime defaults',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'secure by default',
    docs: {
      summary: 'Without any securityContext a pod runs as the image\'s user (often root), with the runtime\'s default capabilities and privilege escalation allowed: nobody decided anything.',
      recipe: 'Give the pod a securityContext (`runAsNonRoot: true`, `seccompProfile.type: RuntimeDefault`) and each container one (`allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`, `readOnlyRootFilesystem: true`).',
    },
    peers: {
      checkov: ['CKV_K8S_29', 'CKV_K8S_30'],
      trivy: ['KSV-0118'],
      datree: ['CIS_MISSING_KEY_SECURITYCONTEXT'],
    },
    peerMessages: {
      checkov: { CKV_K8S_29: ['pod'], CKV_K8S_30: ['container'] },
    },
    messages: {
      pod: '{{kind}} {{name}}: the pod has no securityContext, so it runs on runtime defaults.',
      container: '{{kind}} {{name}}: container "{{container}}" has no securityContext, so it runs on runtime defaults.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    if (empty(pod.value.securityContext)) {
      const path = [...pod.path, 'securityContext', 'seccompProfile', 'type'];
      ctx.report({
        messageId: 'pod', path: [...pod.path, 'securityContext'],
        fix: { title: 'Add securityContext.seccompProfile.type: RuntimeDefault', safety: 'review', ops: [{ op: 'set', path, value: 'RuntimeDefault' }] },
      });
    }
    for (const c of ctx.containers()) {
      if (!empty(c.value.securityContext)) continue;
      const path = [...c.path, 'securityContext', 'allowPrivilegeEscalation'];
      ctx.report({
        messageId: 'container', data: { container: c.name }, path: [...c.path, 'securityContext'],
        fix: { title: 'Add securityContext.allowPrivilegeEscalation: false', safety: 'review', ops: [{ op: 'set', path, value: false }] },
      });
    }
  },
});
