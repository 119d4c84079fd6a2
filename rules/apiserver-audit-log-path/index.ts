import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-audit-log-path',
  title: 'API server writes no audit log',
  component: 'kube-apiserver',
  goals: ['authenticity', 'integrity'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'Without --audit-log-path kube-apiserver keeps no audit trail on disk, so actions taken through the API cannot be traced afterwards.',
  recipe: 'Set `--audit-log-path` (with `--audit-policy-file`) or configure an audit webhook backend.',
  peers: {
    checkov: ['CKV_K8S_91'],
    kubescape: ['C-0130'],
    trivy: ['KCV-0019'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; there is no record of who did what through the API.',
  },
  check: required('audit-log-path'),
});
