import { flagRule, intAtLeast } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-audit-log-maxage',
  title: 'API server keeps audit logs for too few days',
  component: 'kube-apiserver',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'kube-apiserver --audit-log-maxage below 30 deletes rotated audit logs after a few days, often before anyone looks for them.',
  recipe: 'Set `--audit-log-maxage` to at least 30 days (or ship the logs elsewhere and keep them there).',
  peers: {
    checkov: ['CKV_K8S_92'],
    kubescape: ['C-0131'],
    trivy: ['KCV-0020'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxage={{value}}, below {{min}}; older audit records are deleted before an incident is likely to be investigated.',
  },
  check: intAtLeast('audit-log-maxage', 30, true),
});
