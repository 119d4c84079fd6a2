import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-event-rate-limit',
  title: 'API server does not rate-limit events',
  component: 'kube-apiserver',
  goals: ['availability'],
  severity: 'warning',
  profiles: [],
  summary: 'Without the EventRateLimit admission plugin any client allowed to create Events can flood the API server and etcd with them.',
  recipe: 'Add `EventRateLimit` to `--enable-admission-plugins` and give the API server an `--admission-control-config-file` with its limits.',
  peers: {
    kubescape: ['C-0121'],
    trivy: ['KCV-0010'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the EventRateLimit admission plugin; a flood of Event writes can overload the API server and etcd.',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the EventRateLimit admission plugin off in --disable-admission-plugins; a flood of Event writes can overload the API server and etcd.',
  },
  check: admission('EventRateLimit', true),
});
