import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-node-restriction',
  title: 'API server does not enable NodeRestriction',
  component: 'kube-apiserver',
  goals: ['integrity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  principle: 'least privilege',
  summary: 'Without the NodeRestriction admission plugin a kubelet may modify any Node object and pods on other nodes, and set labels that steer sensitive workloads onto it.',
  recipe: 'Add `NodeRestriction` to `--enable-admission-plugins` (kubeadm does), together with the Node authorizer.',
  peers: {
    checkov: ['CKV_K8S_85'],
    kubescape: ['C-0127'],
    trivy: ['KCV-0016'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the NodeRestriction admission plugin; a kubelet can modify other nodes and pods bound to other nodes.',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the NodeRestriction admission plugin off in --disable-admission-plugins; a kubelet can modify other nodes and pods bound to other nodes.',
  },
  check: admission('NodeRestriction', true),
});
