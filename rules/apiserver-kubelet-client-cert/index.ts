import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-kubelet-client-cert',
  title: 'API server has no client certificate for kubelets',
  component: 'kube-apiserver',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --kubelet-client-certificate and --kubelet-client-key kube-apiserver calls kubelets without a client certificate, so kubelets must accept unauthenticated requests for exec, logs and port-forward to work.',
  recipe: 'Give kube-apiserver `--kubelet-client-certificate` and `--kubelet-client-key` (a certificate in a group the kubelets authorize).',
  peers: {
    checkov: ['CKV_K8S_72'],
    kubescape: ['C-0116'],
    trivy: ['KCV-0005'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; kubelets cannot authenticate the API server, so they must either refuse it or allow unauthenticated access.',
  },
  check: required('kubelet-client-certificate', 'kubelet-client-key'),
});
