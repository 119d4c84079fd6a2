import { flagRule, intNot } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-read-only-port',
  title: 'Kubelet serves the unauthenticated read-only port',
  component: 'kubelet',
  goals: ['confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'The kubelet read-only port (10255 by default for the flag) serves pod specs, environment and node metrics without any authentication.',
  recipe: 'Set `--read-only-port=0` (or `readOnlyPort: 0` in the kubelet config file).',
  peers: {
    checkov: ['CKV_K8S_141'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --read-only-port={{value}}; that port serves pod and node details without authentication.',
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set --read-only-port=0, and it defaults to 10255; that port serves pod and node details without authentication.',
  },
  check: intNot('read-only-port', (n) => n !== 0, 10255, '0'),
  fix: { safety: 'review' },
});
