import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-client-ca-file',
  title: 'API server does not accept client certificates',
  component: 'kube-apiserver',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --client-ca-file kube-apiserver does not authenticate client certificates, the credential kubelets and control-plane components normally use.',
  recipe: 'Set `--client-ca-file` to the CA bundle that signs client certificates.',
  peers: {
    kubescape: ['C-0139'],
    trivy: ['KCV-0028'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; client certificate authentication is off, so kubelets and components fall back to weaker credentials.',
  },
  check: required('client-ca-file'),
});
