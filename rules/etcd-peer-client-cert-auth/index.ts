import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-peer-client-cert-auth',
  title: 'etcd does not authenticate its peers',
  component: 'etcd',
  goals: ['authenticity', 'integrity'],
  severity: 'warning',
  profiles: ['recommended'],
  principle: 'zero trust',
  summary: 'Without --peer-client-cert-auth=true etcd accepts peer connections without a certificate, so a rogue host can take part in replication.',
  recipe: 'Add `--peer-client-cert-auth=true` and `--peer-trusted-ca-file` to etcd.',
  peers: {
    checkov: ['CKV_K8S_121'],
    kubescape: ['C-0157'],
    trivy: ['KCV-0046'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: etcd in container "{{container}}" sets --peer-client-cert-auth={{value}}; any host that reaches the peer port can join replication.',
    missing: '{{kind}} {{name}}: etcd in container "{{container}}" does not set --peer-client-cert-auth=true, and it defaults to false; any host that reaches the peer port can join replication.',
  },
  check: boolMust('peer-client-cert-auth', true, false),
  fix: { safety: 'review' },
});
