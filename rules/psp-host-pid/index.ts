import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-host-pid',
    title: 'PodSecurityPolicy admits pods that share the node process namespace',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'error',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy with `hostPID: true` admits pods that see, and as root can signal or enter, every process on the node.',
      recipe: 'Set `hostPID: false`; better, since PodSecurityPolicy is gone from Kubernetes 1.25, enforce the Pod Security Standards baseline level with `pod-security.kubernetes.io/enforce` namespace labels.',
    },
    peers: {
      checkov: ['CKV_K8S_1'],
      kubescape: ['C-0214'],
    },
    messages: {
      hostPID: '{{kind}} {{name}}: hostPID is true, so the pods it admits may share the node process namespace.',
      otherRestricts: otherRestrictsMessage('hostPID is true'),
    },
    // Kubescape fails a policy only when no policy of the scan refuses the setting
    peerMessages: { kubescape: { 'C-0214': ['hostPID'] } },
  },
  check(ctx) {
    if (pspSpec(ctx.object.value).hostPID !== true) return;
    const other = otherRestrictingPsp(ctx, (spec) => spec.hostPID === true);
    if (other) ctx.report({ messageId: 'otherRestricts', data: { other }, path: ['spec', 'hostPID'], severity: 'info' });
    else reportSwitchOn(ctx, ['spec'], 'hostPID');
  },
});
