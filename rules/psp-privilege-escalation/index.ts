import { defineRule, type FixOp } from '../../engine';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-privilege-escalation',
    title: 'PodSecurityPolicy admits containers that allow privilege escalation',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Unless a PodSecurityPolicy sets `allowPrivilegeEscalation: false` (its default is true), it admits containers whose processes may gain privileges through setuid binaries and file capabilities.',
      recipe: 'Set `allowPrivilegeEscalation: false` (and `defaultAllowPrivilegeEscalation` false or unset); better, enforce the Pod Security Standards restricted level with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_5'],
      kubescape: ['C-0217'],
    },
    messages: {
      allowed: '{{kind}} {{name}}: allowPrivilegeEscalation is not false, so the pods it admits may escalate privileges.',
      missing: '{{kind}} {{name}}: allowPrivilegeEscalation is not set (it defaults to true), so the pods it admits may escalate privileges.',
      otherRestricts: otherRestrictsMessage('allowPrivilegeEscalation is not false'),
    },
    // Kubescape fails only an explicit `true`, and only when no policy of the scan refuses escalation
    peerMessages: { kubescape: { 'C-0217': ['allowed'] } },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    if (spec.allowPrivilegeEscalation === false) return;
    const path = ['spec', 'allowPrivilegeEscalation'];
    const other = otherRestrictingPsp(ctx, (s) => s.allowPrivilegeEscalation !== false);
    if (other) {
      ctx.report({ messageId: 'otherRestricts', data: { other }, path, severity: 'info' });
      return;
    }
    const ops: FixOp[] = [{ op: 'set', path, value: false }];
    // A PSP that forbids escalation must not default to it (the API server rejects the pair).
    if (spec.defaultAllowPrivilegeEscalation === true) ops.push({ op: 'set', path: ['spec', 'defaultAllowPrivilegeEscalation'], value: false });
    ctx.report({
      messageId: 'allowPrivilegeEscalation' in spec ? 'allowed' : 'missing', path,
      fix: { title: 'Set allowPrivilegeEscalation: false', safety: 'review', ops },
    });
  },
});
