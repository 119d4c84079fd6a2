import { flagRule, strongCiphers } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-tls-cipher-suites',
  title: 'Kubelet allows weak TLS cipher suites',
  component: 'kubelet',
  goals: ['confidentiality', 'integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'kubelet --tls-cipher-suites that lists CBC, RSA key-exchange, 3DES or RC4 suites lets clients negotiate weak TLS with the kubelet API.',
  recipe: 'List only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in `--tls-cipher-suites`, or leave the flag unset.',
  peers: {
    checkov: ['CKV_K8S_151'],
  },
  messages: {
    weak: '{{kind}} {{name}}: kubelet in container "{{container}}" allows weak TLS cipher suites ({{weak}}); connections to the kubelet API can be negotiated without forward secrecy or with CBC/3DES ciphers.',
  },
  check: strongCiphers,
});
