import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-protect-kernel-defaults',
  title: 'Kubelet may change kernel settings',
  component: 'kubelet',
  goals: ['integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --protect-kernel-defaults=true the kubelet overwrites kernel tunables it disagrees with instead of failing, hiding a host that was hardened differently.',
  recipe: 'Add `--protect-kernel-defaults=true` and set the kernel parameters the kubelet needs through the host\'s sysctl configuration.',
  peers: {
    checkov: ['CKV_K8S_144'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --protect-kernel-defaults={{value}}; the kubelet silently changes kernel parameters that differ from what it expects.',
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set --protect-kernel-defaults=true, and it defaults to false; the kubelet silently changes kernel parameters that differ from what it expects.',
  },
  check: boolMust('protect-kernel-defaults', true, false),
  fix: { safety: 'review' },
});
