import { flagRule, notSet } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-token-auth-file',
  title: 'API server uses a static token file',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-apiserver --token-auth-file accepts bearer tokens listed in a clear-text file on the node: they never expire and cannot be revoked without a restart.',
  recipe: 'Remove `--token-auth-file`; use service account tokens, OIDC or webhook token authentication for people and automation.',
  peers: {
    checkov: ['CKV_K8S_70'],
    kubescape: ['C-0114'],
    trivy: ['KCV-0002'],
  },
  messages: {
    set: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --token-auth-file; its bearer tokens never expire and can only be revoked by editing the file and restarting the API server.',
  },
  check: notSet('token-auth-file'),
});
