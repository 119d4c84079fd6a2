import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-host-ipc',
    title: 'PodSecurityPolicy admits pods that share the node IPC namespace',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'error',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy with `hostIPC: true` admits pods that share the node IPC namespace: shared memory and message queues of every host process.',
      recipe: 'Set `hostIPC: false`; better, since PodSecurityPolicy is gone from Kubernetes 1.25, enforce the Pod Security Standards baseline level with `pod-security.kubernetes.io/enforce` namespace labels.',
    },
    peers: {
      checkov: ['CKV_K8S_3'],
      kubescape: ['C-0215'],
    },
    messages: {
      hostIPC: '{{kind}} {{name}}: hostIPC is true, so the pods it admits may share the node IPC namespace.',
      otherRestricts: otherRestrictsMessage('hostIPC is true'),
    },
    // Kubescape fails a policy only when no policy of the scan refuses the setting
    peerMessages: { kubescape: { 'C-0215': ['hostIPC'] } },
  },
  check(ctx) {
    if (pspSpec(ctx.object.value).hostIPC !== true) return;
    const other = otherRestrictingPsp(ctx, (spec) => spec.hostIPC === true);
    if (other) ctx.report({ messageId: 'otherRestricts', data: { other }, path: ['spec', 'hostIPC'], severity: 'info' });
    else reportSwitchOn(ctx, ['spec'], 'hostIPC');
  },
});
