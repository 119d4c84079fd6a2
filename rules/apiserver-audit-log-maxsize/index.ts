import { flagRule, intAtLeast } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-audit-log-maxsize',
  title: 'API server rotates audit logs too early',
  component: 'kube-apiserver',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'kube-apiserver --audit-log-maxsize below 100 MB rotates the audit log very often, shrinking the history kept by the backup count.',
  recipe: 'Set `--audit-log-maxsize` to at least 100 (megabytes).',
  peers: {
    checkov: ['CKV_K8S_94'],
    kubescape: ['C-0133'],
    trivy: ['KCV-0022'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxsize={{value}}, below {{min}}; small files rotate quickly and, with a fixed number of backups, little history survives.',
  },
  check: intAtLeast('audit-log-maxsize', 100, { zero: 'ok', missing: false }),
});
