import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-always-admit',
  title: 'API server enables the AlwaysAdmit admission plugin',
  component: 'kube-apiserver',
  goals: ['integrity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'The deprecated AlwaysAdmit admission plugin lets every request through; enabling it signals that admission control was switched off on purpose.',
  recipe: 'Remove `AlwaysAdmit` from `--enable-admission-plugins`.',
  peers: {
    checkov: ['CKV_K8S_79'],
    kubescape: ['C-0122'],
    trivy: ['KCV-0011'],
  },
  messages: {
    enabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" enables the AlwaysAdmit admission plugin, which admits every request unchecked.',
  },
  check: admission('AlwaysAdmit', false),
});
