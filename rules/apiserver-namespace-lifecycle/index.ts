import { flagRule, admission } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-namespace-lifecycle',
  title: 'API server disables the NamespaceLifecycle admission plugin',
  component: 'kube-apiserver',
  goals: ['integrity', 'availability'],
  severity: 'warning',
  profiles: [],
  summary: 'The NamespaceLifecycle admission plugin (on by default) refuses objects in terminating or non-existent namespaces and protects default, kube-system and kube-public from deletion.',
  recipe: 'Do not list `NamespaceLifecycle` in `--disable-admission-plugins`.',
  peers: {
    checkov: ['CKV_K8S_83'],
    kubescape: ['C-0126'],
    trivy: ['KCV-0015'],
  },
  messages: {
    notEnabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not enable the NamespaceLifecycle admission plugin; objects can be created in namespaces that are being deleted or do not exist, and the system namespaces can be deleted.',
    disabled: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" turns the NamespaceLifecycle admission plugin off in --disable-admission-plugins; objects can be created in namespaces that are being deleted or do not exist, and the system namespaces can be deleted.',
  },
  check: admission('NamespaceLifecycle', true),
});
