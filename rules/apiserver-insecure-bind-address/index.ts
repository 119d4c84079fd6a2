import { flagRule, notSet } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-insecure-bind-address',
  title: 'API server has an insecure bind address',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  summary: 'kube-apiserver --insecure-bind-address exposes the unauthenticated, unauthorized HTTP port on that address: whoever reaches it is cluster admin.',
  recipe: 'Remove `--insecure-bind-address` (and `--insecure-port`); serve the API only on the secure port.',
  peers: {
    checkov: ['CKV_K8S_86'],
  },
  messages: {
    set: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --insecure-bind-address; the insecure port serves the API without authentication or authorization.',
  },
  check: notSet('insecure-bind-address'),
});
