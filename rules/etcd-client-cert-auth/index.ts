import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-client-cert-auth',
  title: 'etcd does not require client certificates',
  component: 'etcd',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  principle: 'zero trust',
  summary: 'Without --client-cert-auth=true etcd accepts clients that present no certificate, so anyone who reaches port 2379 can read every secret and rewrite the cluster.',
  recipe: 'Add `--client-cert-auth=true` and `--trusted-ca-file` to etcd.',
  peers: {
    checkov: ['CKV_K8S_117'],
    kubescape: ['C-0154'],
    trivy: ['KCV-0043'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: etcd in container "{{container}}" sets --client-cert-auth={{value}}; anyone who can reach the client port can read and write the whole cluster state.',
    missing: '{{kind}} {{name}}: etcd in container "{{container}}" does not set --client-cert-auth=true, and it defaults to false; anyone who can reach the client port can read and write the whole cluster state.',
  },
  check: boolMust('client-cert-auth', true, false),
  fix: { safety: 'review' },
});
