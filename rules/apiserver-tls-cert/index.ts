import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-tls-cert',
  title: 'API server has no TLS serving certificate',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'authenticity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --tls-cert-file and --tls-private-key-file kube-apiserver generates a self-signed certificate, which clients cannot verify and so learn to skip verification.',
  recipe: 'Set `--tls-cert-file` and `--tls-private-key-file` to a serving certificate signed by the cluster CA.',
  peers: {
    checkov: ['CKV_K8S_100'],
    kubescape: ['C-0138'],
    trivy: ['KCV-0027'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; it serves a self-signed certificate that clients cannot verify.',
  },
  check: required('tls-cert-file', 'tls-private-key-file'),
});
