import { flagRule, featureGateOn } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-rotate-server-certificate',
  title: 'Kubelet turns off serving certificate rotation',
  component: 'kubelet',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  summary: 'Turning the RotateKubeletServerCertificate feature gate off on a kubelet stops it from requesting and renewing its serving certificate from the cluster CA.',
  recipe: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates` (the gate is on by default).',
  peers: {
    checkov: ['CKV_K8S_112'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" turns the RotateKubeletServerCertificate feature gate off; its serving certificate cannot be requested from and renewed by the cluster CA.',
  },
  check: featureGateOn('RotateKubeletServerCertificate'),
  fix: { safety: 'review' },
});
