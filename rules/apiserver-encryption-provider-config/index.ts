import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-encryption-provider-config',
  title: 'API server does not encrypt data at rest',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'possession'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --encryption-provider-config kube-apiserver stores Secrets in etcd unencrypted, so an etcd backup or disk is enough to read them.',
  recipe: 'Set `--encryption-provider-config` to an EncryptionConfiguration that encrypts `secrets` with a KMS provider (or aescbc/secretbox).',
  peers: {
    checkov: ['CKV_K8S_104'],
    kubescape: ['C-0141', 'C-0066'],
    trivy: ['KCV-0030'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; secrets are stored in etcd and its backups in plain text.',
  },
  check: required('encryption-provider-config'),
});
