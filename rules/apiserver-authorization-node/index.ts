import { flagRule, listIncludes } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-authorization-node',
  title: 'API server does not use the Node authorizer',
  component: 'kube-apiserver',
  goals: ['integrity', 'confidentiality'],
  severity: 'warning',
  profiles: [],
  principle: 'least privilege',
  summary: 'Without Node in --authorization-mode, kubelet credentials are authorized by RBAC alone, which cannot limit a kubelet to the secrets, config maps and pods bound to its own node.',
  recipe: 'Include `Node` in `--authorization-mode` (kubeadm writes `Node,RBAC`) together with the NodeRestriction admission plugin.',
  peers: {
    checkov: ['CKV_K8S_75'],
    kubescape: ['C-0119'],
    trivy: ['KCV-0008'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --authorization-mode={{value}} without Node; kubelets are not limited to the objects of their own pods.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --authorization-mode (default AlwaysAllow), so the Node authorizer is not used; kubelets are not limited to the objects of their own pods.',
  },
  check: listIncludes('authorization-mode', 'Node', ['AlwaysAllow']),
});
