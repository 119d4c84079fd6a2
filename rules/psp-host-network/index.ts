import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-host-network',
    title: 'PodSecurityPolicy admits pods that use the node network namespace',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'error',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy with `hostNetwork: true` admits pods on the node network: they bypass network policies, reach node-local services and can sniff node traffic.',
      recipe: 'Set `hostNetwork: false`; better, since PodSecurityPolicy is gone from Kubernetes 1.25, enforce the Pod Security Standards baseline level with `pod-security.kubernetes.io/enforce` namespace labels.',
    },
    peers: {
      checkov: ['CKV_K8S_4'],
      kubescape: ['C-0216'],
    },
    messages: {
      hostNetwork: '{{kind}} {{name}}: hostNetwork is true, so the pods it admits may use the node network namespace.',
      otherRestricts: otherRestrictsMessage('hostNetwork is true'),
    },
    // Kubescape fails a policy only when no policy of the scan refuses the setting
    peerMessages: { kubescape: { 'C-0216': ['hostNetwork'] } },
  },
  check(ctx) {
    if (pspSpec(ctx.object.value).hostNetwork !== true) return;
    const other = otherRestrictingPsp(ctx, (spec) => spec.hostNetwork === true);
    if (other) ctx.report({ messageId: 'otherRestricts', data: { other }, path: ['spec', 'hostNetwork'], severity: 'info' });
    else reportSwitchOn(ctx, ['spec'], 'hostNetwork');
  },
});
