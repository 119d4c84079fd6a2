import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-root-ca-file',
  title: 'Controller manager does not publish the cluster CA',
  component: 'kube-controller-manager',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --root-ca-file kube-controller-manager does not include the cluster CA in service account credentials, so pods cannot verify the API server\'s certificate.',
  recipe: 'Set `--root-ca-file` to the cluster CA certificate.',
  peers: {
    checkov: ['CKV_K8S_111'],
    kubescape: ['C-0148'],
    trivy: ['KCV-0037'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set {{flag}}; pods receive no CA bundle for the API server and cannot verify it.',
  },
  check: required('root-ca-file'),
});
