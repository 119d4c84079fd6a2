import { flagRule, strongCiphers } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-tls-cipher-suites',
  title: 'API server allows weak TLS cipher suites',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-apiserver --tls-cipher-suites that lists CBC, RSA key-exchange, 3DES or RC4 suites lets clients negotiate weak TLS with the API.',
  recipe: 'List only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in `--tls-cipher-suites`, or leave the flag unset.',
  peers: {
    checkov: ['CKV_K8S_105'],
    kubescape: ['C-0143', 'C-0277'],
  },
  messages: {
    weak: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" allows weak TLS cipher suites ({{weak}}); connections can be negotiated without forward secrecy or with CBC/3DES ciphers.',
  },
  check: strongCiphers,
});
