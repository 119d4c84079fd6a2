import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-service-account-lookup',
  title: 'API server does not check that service account tokens still exist',
  component: 'kube-apiserver',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-apiserver --service-account-lookup=false accepts service account tokens without checking that the account (and its token secret) still exists.',
  recipe: 'Remove `--service-account-lookup=false` (the default is true).',
  peers: {
    checkov: ['CKV_K8S_96'],
    kubescape: ['C-0135'],
    trivy: ['KCV-0024'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --service-account-lookup={{value}}; tokens of deleted service accounts keep working until they expire.',
  },
  check: boolMust('service-account-lookup', true, true),
  fix: { safety: 'review' },
});
