import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-peer-tls-cert',
  title: 'etcd peers talk without TLS',
  component: 'etcd',
  goals: ['confidentiality', 'authenticity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --peer-cert-file and --peer-key-file etcd members replicate the cluster state to each other over plain HTTP.',
  recipe: 'Give etcd `--peer-cert-file` and `--peer-key-file` and use `https://` peer URLs.',
  peers: {
    checkov: ['CKV_K8S_119'],
    kubescape: ['C-0156'],
    trivy: ['KCV-0045'],
  },
  messages: {
    missing: '{{kind}} {{name}}: etcd in container "{{container}}" does not set {{flag}}; replication traffic between members, including every secret, is unencrypted.',
  },
  check: required('peer-cert-file', 'peer-key-file'),
});
