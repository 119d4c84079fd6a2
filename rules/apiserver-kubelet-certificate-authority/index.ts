import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-kubelet-certificate-authority',
  title: 'API server does not verify kubelet certificates',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --kubelet-certificate-authority kube-apiserver does not verify the serving certificate of kubelets, so a machine in the middle can impersonate a node and read exec sessions and logs.',
  recipe: 'Set `--kubelet-certificate-authority` to the CA that signs kubelet serving certificates (and have kubelets use signed serving certificates).',
  peers: {
    checkov: ['CKV_K8S_73'],
    kubescape: ['C-0117'],
    trivy: ['KCV-0006'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set {{flag}}; the API server cannot tell a real kubelet from an impostor on the network.',
  },
  check: required('kubelet-certificate-authority'),
});
