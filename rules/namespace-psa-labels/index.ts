import { defineRule, isRecord } from '../../engine';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  meta: {
    id: 'namespace-psa-labels',
    title: 'Namespace does not enforce a Pod Security Standard',
    category: 'cluster',
    goals: ['integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['Namespace'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'defence in depth',
    docs: {
      summary: 'Without a `pod-security.kubernetes.io/enforce` label (or with `privileged`), Pod Security Admission lets any pod into the namespace, including privileged pods and host mounts.',
      recipe: 'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline` for workloads that cannot yet run restricted), and add `warn`/`audit` labels for the next level.',
    },
    peers: {
      // CIS 5.2.x controls that the baseline level already enforces: privileged, host namespaces, added
      // capabilities (beyond the runtime's default set), Windows HostProcess, hostPath volumes, host ports.
      kubescape: ['C-0193', 'C-0194', 'C-0195', 'C-0196', 'C-0200', 'C-0202', 'C-0203', 'C-0204'],
    },
    messages: {
      missing: '{{kind}} {{name}}: no pod-security.kubernetes.io/enforce label, so Pod Security Admission admits any pod.',
      privileged: '{{kind}} {{name}}: pod-security.kubernetes.io/enforce is "privileged", so Pod Security Admission admits any pod.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (SYSTEM.has(o.name)) return;
    const labels = isRecord(o.metadata.labels) ? o.metadata.labels : {};
    const v = labels[ENFORCE];
    const path = ['metadata', 'labels', ENFORCE];
    if (v === undefined || v === null) {
      ctx.report({
        messageId: 'missing',
        path,
        fix: { title: 'Enforce the baseline Pod Security Standard', safety: 'review', ops: [{ op: 'set', path, value: 'baseline' }] },
      });
    } else if (v === 'privileged') {
      ctx.report({
        messageId: 'privileged',
        path,
        fix: { title: 'Enforce the baseline Pod Security Standard', safety: 'review', ops: [{ op: 'set', path, value: 'baseline' }] },
      });
    }
  },
});
