import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-service-account-key-file',
  title: 'API server has no service account verification key',
  component: 'kube-apiserver',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --service-account-key-file kube-apiserver verifies service account tokens with its TLS serving key, so the serving key doubles as a token key and neither can be rotated independently.',
  recipe: 'Set `--service-account-key-file` to the public key(s) matching `--service-account-signing-key-file`.',
  peers: {
    checkov: ['CKV_K8S_97'],
    kubescape: ['C-0136'],
    trivy: ['KCV-0025'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; service account tokens are verified with the TLS serving key, which ties token signing to the serving certificate and blocks key rotation.',
  },
  check: required('service-account-key-file'),
});
