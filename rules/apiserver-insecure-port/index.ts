import { flagRule, intNot } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-insecure-port',
  title: 'API server serves an insecure port',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  summary: 'A non-zero kube-apiserver --insecure-port serves the full API over HTTP with no authentication or authorization.',
  recipe: 'Set `--insecure-port=0` or remove the flag (it no longer exists since 1.24).',
  peers: {
    checkov: ['CKV_K8S_88'],
    kubescape: ['C-0005'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --insecure-port={{value}}; that port serves the API without authentication or authorization.',
  },
  check: intNot('insecure-port', (n) => n !== 0, undefined, '0'),
  fix: { safety: 'review' },
});
