import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'etcd-tls-cert',
  title: 'etcd serves clients without TLS',
  component: 'etcd',
  goals: ['confidentiality', 'authenticity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --cert-file and --key-file etcd serves its clients over plain HTTP, so the cluster state (secrets included) travels unencrypted.',
  recipe: 'Give etcd `--cert-file` and `--key-file` and use `https://` client URLs.',
  peers: {
    checkov: ['CKV_K8S_116'],
    kubescape: ['C-0153'],
    trivy: ['KCV-0042'],
  },
  messages: {
    missing: '{{kind}} {{name}}: etcd in container "{{container}}" does not set {{flag}}; client traffic, including every secret, crosses the network in plain text.',
  },
  check: required('cert-file', 'key-file'),
});
