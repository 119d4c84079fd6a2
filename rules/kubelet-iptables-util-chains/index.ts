import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-iptables-util-chains',
  title: 'Kubelet does not manage its iptables chains',
  component: 'kubelet',
  goals: ['integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'kubelet --make-iptables-util-chains=false stops the kubelet from maintaining the iptables chains that drop packets pods must not receive.',
  recipe: 'Remove `--make-iptables-util-chains=false` (the default is true).',
  peers: {
    checkov: ['CKV_K8S_145'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --make-iptables-util-chains={{value}}; the iptables rules that drop martian and marked packets may drift from what the kubelet expects.',
  },
  check: boolMust('make-iptables-util-chains', true, true),
  fix: { safety: 'review' },
});
