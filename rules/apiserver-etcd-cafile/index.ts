import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-etcd-cafile',
  title: 'API server does not verify etcd\'s certificate',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --etcd-cafile kube-apiserver cannot verify that it talks to the real etcd, so an impostor can feed it forged state or collect what it writes.',
  recipe: 'Set `--etcd-cafile` to the CA that signs etcd\'s serving certificates.',
  peers: {
    checkov: ['CKV_K8S_102'],
    kubescape: ['C-0140'],
    trivy: ['KCV-0029'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; a machine in the middle can pose as etcd and serve or collect the whole cluster state.',
  },
  check: required('etcd-cafile'),
});
