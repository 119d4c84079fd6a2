import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-service-account-private-key-file',
  title: 'Controller manager cannot sign service account tokens',
  component: 'kube-controller-manager',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --service-account-private-key-file kube-controller-manager cannot sign service account token secrets, and key rotation has nothing to hang on.',
  recipe: 'Set `--service-account-private-key-file` to the private key matching the API server\'s `--service-account-key-file`.',
  peers: {
    checkov: ['CKV_K8S_110'],
    kubescape: ['C-0147'],
    trivy: ['KCV-0036'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set {{flag}}; the token controller does not run and service account tokens cannot be issued or rotated as intended.',
  },
  check: required('service-account-private-key-file'),
});
