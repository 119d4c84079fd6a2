import { flagRule, intAtLeast } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-audit-log-maxbackup',
  title: 'API server keeps too few audit log files',
  component: 'kube-apiserver',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'kube-apiserver --audit-log-maxbackup below 10 keeps only a few rotated audit files, so a busy cluster loses its audit trail within hours.',
  recipe: 'Set `--audit-log-maxbackup` to at least 10.',
  peers: {
    checkov: ['CKV_K8S_93'],
    kubescape: ['C-0132'],
    trivy: ['KCV-0021'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxbackup={{value}}, below {{min}}; rotated audit files are deleted soon after rotation.',
  },
  check: intAtLeast('audit-log-maxbackup', 10, true),
});
