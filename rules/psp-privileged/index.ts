import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-privileged',
    title: 'PodSecurityPolicy admits privileged containers',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy with `privileged: true` admits privileged containers for every user and service account allowed to use it; a privileged container is root on the node.',
      recipe: 'Set `privileged: false`; better, since PodSecurityPolicy is gone from Kubernetes 1.25, enforce the Pod Security Standards with `pod-security.kubernetes.io/enforce` namespace labels.',
    },
    peers: {
      checkov: ['CKV_K8S_2'],
      kubescape: ['C-0213'],
    },
    messages: {
      privileged: '{{kind}} {{name}}: privileged is true, so the pods it admits may run privileged containers.',
      otherRestricts: otherRestrictsMessage('privileged is true'),
    },
    // Kubescape fails a policy only when no policy of the scan refuses the setting
    peerMessages: { kubescape: { 'C-0213': ['privileged'] } },
  },
  check(ctx) {
    if (pspSpec(ctx.object.value).privileged !== true) return;
    const other = otherRestrictingPsp(ctx, (spec) => spec.privileged === true);
    if (other) ctx.report({ messageId: 'otherRestricts', data: { other }, path: ['spec', 'privileged'], severity: 'info' });
    else reportSwitchOn(ctx, ['spec'], 'privileged');
  },
});
