import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-etcd-client-cert',
  title: 'API server has no client certificate for etcd',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --etcd-certfile and --etcd-keyfile kube-apiserver connects to etcd without a client certificate, which only works if etcd lets anyone read and write the cluster state.',
  recipe: 'Set `--etcd-certfile` and `--etcd-keyfile` to a client certificate trusted by etcd, and make etcd require client certificates.',
  peers: {
    checkov: ['CKV_K8S_99'],
    kubescape: ['C-0137'],
    trivy: ['KCV-0026'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; etcd cannot require client certificates, so anyone who reaches it can read every secret.',
  },
  check: required('etcd-certfile', 'etcd-keyfile'),
});
