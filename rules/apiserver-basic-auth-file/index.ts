import { flagRule, notSet } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-basic-auth-file',
  title: 'API server uses a basic-auth password file',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-apiserver --basic-auth-file authenticates users with static passwords kept in plain text on the control-plane host; they never expire and the flag was removed in Kubernetes 1.19.',
  recipe: 'Remove `--basic-auth-file` and authenticate users with client certificates, OIDC or webhook token authentication.',
  peers: {
    checkov: ['CKV_K8S_69'],
  },
  messages: {
    set: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --basic-auth-file; static passwords in a file cannot be rotated or revoked without restarting the API server.',
  },
  check: notSet('basic-auth-file'),
});
