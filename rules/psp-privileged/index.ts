import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'psp-privileged',
    title: 'PodSecurityPolicy admits privileged containers',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['PodSecurityPolicy'],
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
    },
  },
  check(ctx) {
    reportSwitchOn(ctx, ['spec'], 'privileged');
  },
});
