import { flagRule, listExcludes } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-authorization-always-allow',
  title: 'Kubelet authorizes every request',
  component: 'kubelet',
  goals: ['integrity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  principle: 'least privilege',
  summary: 'A kubelet started without --authorization-mode=Webhook (or a config file) allows every request to its API, including exec into any container on the node.',
  recipe: 'Set `--authorization-mode=Webhook` (or `authorization.mode: Webhook` in the kubelet config file).',
  peers: {
    checkov: ['CKV_K8S_139'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --authorization-mode={{value}}: every authenticated request to the kubelet API is allowed.',
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set --authorization-mode, which defaults to AlwaysAllow: every request to the kubelet API is allowed.',
  },
  check: listExcludes('authorization-mode', 'AlwaysAllow', ['AlwaysAllow']),
});
