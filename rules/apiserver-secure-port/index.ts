import { flagRule, intNot } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-secure-port',
  title: 'API server disables its secure port',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-apiserver --secure-port=0 turns off the HTTPS port, leaving no authenticated, encrypted way to reach the API.',
  recipe: 'Set `--secure-port` to a real port (6443 by default) or remove the flag.',
  peers: {
    checkov: ['CKV_K8S_89'],
    kubescape: ['C-0128'],
    trivy: ['KCV-0017'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --secure-port={{value}}; the API is not served over authenticated HTTPS.',
  },
  check: intNot('secure-port', (n) => n === 0, undefined),
});
