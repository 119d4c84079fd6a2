import { flagRule, listIncludes } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-authorization-rbac',
  title: 'API server does not use RBAC',
  component: 'kube-apiserver',
  goals: ['integrity', 'confidentiality'],
  severity: 'warning',
  profiles: [],
  principle: 'least privilege',
  summary: 'Without RBAC in --authorization-mode, Roles, ClusterRoles and their bindings are ignored, so access is decided by a coarser or external mechanism (or not at all).',
  recipe: 'Include `RBAC` in `--authorization-mode`, e.g. `--authorization-mode=Node,RBAC`.',
  peers: {
    checkov: ['CKV_K8S_77'],
    kubescape: ['C-0120'],
    trivy: ['KCV-0009'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --authorization-mode={{value}} without RBAC; Roles and RoleBindings have no effect.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --authorization-mode (default AlwaysAllow), so RBAC is not used; Roles and RoleBindings have no effect.',
  },
  check: listIncludes('authorization-mode', 'RBAC', ['AlwaysAllow']),
});
