import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-auto-tls',
  title: 'etcd uses self-signed client certificates',
  component: 'etcd',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'etcd --auto-tls serves clients with a self-generated certificate that nobody can verify, so the TLS protects against eavesdropping but not impersonation.',
  recipe: 'Remove `--auto-tls` (or set it false) and configure `--cert-file`/`--key-file` from a real CA.',
  peers: {
    checkov: ['CKV_K8S_118'],
    kubescape: ['C-0155'],
    trivy: ['KCV-0044'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: etcd in container "{{container}}" sets --auto-tls={{value}}; its self-generated certificate cannot be verified by clients.',
  },
  check: boolMust('auto-tls', false, false),
  fix: { safety: 'review' },
});
