import { flagRule, featureGateOn } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-rotate-server-certificate',
  title: 'Controller manager turns off kubelet serving certificate rotation',
  component: 'kube-controller-manager',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  summary: 'Turning the RotateKubeletServerCertificate feature gate off in kube-controller-manager stops kubelet serving certificates from being issued and rotated through the certificates API.',
  recipe: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates` (the gate is on by default).',
  peers: {
    checkov: ['CKV_K8S_112'],
    kubescape: ['C-0149'],
    trivy: ['KCV-0038'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" turns the RotateKubeletServerCertificate feature gate off; kubelet serving certificates requested through CSRs are not handled, so kubelets keep self-signed or expiring certificates.',
  },
  check: featureGateOn('RotateKubeletServerCertificate'),
  fix: { safety: 'review' },
});
