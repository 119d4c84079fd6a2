import { flagRule, loopbackAddress } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-bind-address',
  title: 'Controller manager listens on all interfaces',
  component: 'kube-controller-manager',
  goals: ['confidentiality', 'availability'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-controller-manager listens on all interfaces unless --bind-address is a loopback address, exposing its metrics and debug endpoints to the network.',
  recipe: 'Set `--bind-address=127.0.0.1` and probe the component on localhost.',
  peers: {
    checkov: ['CKV_K8S_113'],
    kubescape: ['C-0150'],
    trivy: ['KCV-0039'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" sets --bind-address={{value}}, which is reachable from outside the node; its health, metrics and debugging endpoints are exposed to the network.',
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set --bind-address, so it listens on all interfaces; its health, metrics and debugging endpoints are exposed to the network.',
  },
  check: loopbackAddress('bind-address'),
  fix: { safety: 'review' },
});
