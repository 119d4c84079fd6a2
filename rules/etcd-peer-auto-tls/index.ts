import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-peer-auto-tls',
  title: 'etcd uses self-signed peer certificates',
  component: 'etcd',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'etcd --peer-auto-tls secures peer traffic with self-generated certificates that peers cannot verify, so a rogue host can pose as a member.',
  recipe: 'Remove `--peer-auto-tls` (or set it false) and configure `--peer-cert-file`/`--peer-key-file` from a real CA.',
  peers: {
    kubescape: ['C-0158'],
    trivy: ['KCV-0047'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: etcd in container "{{container}}" sets --peer-auto-tls={{value}}; peers cannot verify each other\'s self-generated certificates.',
  },
  check: boolMust('peer-auto-tls', false, false),
  fix: { safety: 'review' },
});
