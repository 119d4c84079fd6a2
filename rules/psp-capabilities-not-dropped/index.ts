import { defineRule, type FixOp } from '../../engine';
import { otherRestrictingPsp, otherRestrictsMessage, pspCapabilities, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-capabilities-not-dropped',
    title: 'PodSecurityPolicy does not require dropping any capability',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy without `requiredDropCapabilities` admits containers that keep every capability the runtime grants by default (CHOWN, SETUID, NET_RAW, …).',
      recipe: 'Set `requiredDropCapabilities: [ALL]`; better, enforce the Pod Security Standards restricted level with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_36'],
      kubescape: ['C-0220'],
    },
    messages: {
      noDrop: '{{kind}} {{name}}: requiredDropCapabilities is missing or empty, so the pods it admits keep the runtime\'s default capabilities.',
      otherRestricts: otherRestrictsMessage('requiredDropCapabilities is missing or empty'),
    },
    // Kubescape fails a policy only when no policy of the scan requires dropping capabilities
    peerMessages: { kubescape: { 'C-0220': ['noDrop'] } },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    if (pspCapabilities(spec, 'requiredDropCapabilities')?.length) return;
    const path = ['spec', 'requiredDropCapabilities'];
    const other = otherRestrictingPsp(ctx, (s) => !pspCapabilities(s, 'requiredDropCapabilities')?.length);
    if (other) {
      ctx.report({ messageId: 'otherRestricts', data: { other }, path, severity: 'info' });
      return;
    }
    const ops: FixOp[] = [{ op: 'set', path, value: ['ALL'] }];
    ctx.report({ messageId: 'noDrop', path, fix: { title: 'Require dropping ALL capabilities', safety: 'review', ops } });
  },
});
