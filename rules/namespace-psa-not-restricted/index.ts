import { defineRule, isRecord } from '../../engine';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  meta: {
    id: 'namespace-psa-not-restricted',
    title: 'Namespace does not enforce the restricted Pod Security Standard',
    category: 'cluster',
    goals: ['integrity', 'possession'],
    severity: 'info',
    appliesTo: ['Namespace'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'defence in depth',
    docs: {
      summary: 'Below `pod-security.kubernetes.io/enforce: restricted`, Pod Security Admission admits containers that run as root, may escalate privileges and keep the runtime\'s default capabilities, NET_RAW included.',
      recipe: 'Label the namespace `pod-security.kubernetes.io/enforce: restricted` once its workloads run as non-root with `allowPrivilegeEscalation: false`, `drop: [ALL]` and a seccomp profile; meanwhile set `warn` and `audit` to `restricted`.',
    },
    peers: {
      // CIS 5.2.x controls that only the restricted level enforces.
      kubescape: ['C-0197', 'C-0198', 'C-0199', 'C-0201'],
    },
    messages: {
      missing: '{{kind}} {{name}}: no pod-security.kubernetes.io/enforce label, so root containers, privilege escalation and default capabilities are admitted.',
      level: '{{kind}} {{name}}: pod-security.kubernetes.io/enforce is "{{level}}", so root containers, privilege escalation and default capabilities are admitted.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (SYSTEM.has(o.name)) return;
    const labels = isRecord(o.metadata.labels) ? o.metadata.labels : {};
    const v = labels[ENFORCE];
    if (v === 'restricted') return;
    const path = ['metadata', 'labels', ENFORCE];
    const fix = { title: 'Enforce the restricted Pod Security Standard', safety: 'review' as const, ops: [{ op: 'set' as const, path, value: 'restricted' }] };
    if (v === undefined || v === null) ctx.report({ messageId: 'missing', path, fix });
    else ctx.report({ messageId: 'level', data: { level: String(v) }, path, fix });
  },
});
