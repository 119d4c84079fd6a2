import { flagRule, listExcludes } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-authorization-always-allow',
  title: 'API server authorizes every request',
  component: 'kube-apiserver',
  goals: ['integrity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  principle: 'least privilege',
  summary: 'kube-apiserver authorizes every authenticated request when --authorization-mode is AlwaysAllow, which is also the default when the flag is missing: RBAC is not consulted at all.',
  recipe: 'Set `--authorization-mode=Node,RBAC` (plus `Webhook` if you use one) and never list `AlwaysAllow`.',
  peers: {
    checkov: ['CKV_K8S_74'],
    kubescape: ['C-0118'],
    trivy: ['KCV-0007'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --authorization-mode={{value}}, which includes AlwaysAllow: any authenticated request is allowed.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --authorization-mode, which defaults to AlwaysAllow: any authenticated request is allowed.',
  },
  check: listExcludes('authorization-mode', 'AlwaysAllow', ['AlwaysAllow']),
});
