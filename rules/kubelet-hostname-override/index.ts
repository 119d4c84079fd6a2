import { flagRule, notSet } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-hostname-override',
  title: 'Kubelet overrides its host name',
  component: 'kubelet',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: [],
  summary: 'kubelet --hostname-override registers the node under a name other than the host\'s, which breaks the match between node name and serving certificate that TLS verification relies on.',
  recipe: 'Remove `--hostname-override` and let the node register under its real host name.',
  peers: {
    checkov: ['CKV_K8S_146'],
  },
  messages: {
    set: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --hostname-override; the node name no longer matches the host and its TLS certificates.',
  },
  check: notSet('hostname-override'),
});
