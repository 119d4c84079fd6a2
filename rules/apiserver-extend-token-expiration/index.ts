import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-extend-token-expiration',
  title: 'API server extends service account token lifetimes',
  component: 'kube-apiserver',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'With --service-account-extend-token-expiration on (the default) kube-apiserver issues projected service account tokens valid for a year, so a leaked token stays usable long after its nominal expiry.',
  recipe: 'Set `--service-account-extend-token-expiration=false` once workloads refresh their projected tokens.',
  peers: {
    kubescape: ['C-0290'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --service-account-extend-token-expiration={{value}}; projected service account tokens stay valid for up to a year instead of their requested lifetime.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --service-account-extend-token-expiration=false, and it defaults to true; projected service account tokens stay valid for up to a year instead of their requested lifetime.',
  },
  check: boolMust('service-account-extend-token-expiration', false, true),
  fix: { safety: 'review' },
});
