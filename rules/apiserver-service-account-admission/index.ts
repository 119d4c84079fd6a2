import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-service-account-admission',
  title: 'API server disables the ServiceAccount admission plugin',
  component: 'kube-apiserver',
  goals: ['authenticity', 'integrity'],
  severity: 'warning',
  profiles: [],
  summary: 'The ServiceAccount admission plugin (on by default) assigns every pod a service account that must exist and mounts its bound token; disabling it breaks that link.',
  recipe: 'Do not list `ServiceAccount` in `--disable-admission-plugins`.',
  peers: {
    checkov: ['CKV_K8S_82'],
    kubescape: ['C-0125'],
    trivy: ['KCV-0014'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the ServiceAccount admission plugin; pods are no longer tied to an existing service account and get no bound token.',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the ServiceAccount admission plugin off in --disable-admission-plugins; pods are no longer tied to an existing service account and get no bound token.',
  },
  check: admission('ServiceAccount', true),
});
