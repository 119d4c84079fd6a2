import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-audit-policy-file',
  title: 'API server has no audit policy',
  component: 'kube-apiserver',
  goals: ['authenticity', 'integrity'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'Without --audit-policy-file kube-apiserver records no audit events, whatever audit backends are configured.',
  recipe: 'Set `--audit-policy-file` to a Policy that logs at least metadata for all requests and more for secrets, RBAC and exec.',
  peers: {
    kubescape: ['C-0160', 'C-0067'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; no audit events are recorded at all.',
  },
  check: required('audit-policy-file'),
});
