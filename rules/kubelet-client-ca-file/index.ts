import { flagRule, required } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-client-ca-file',
  title: 'Kubelet does not verify client certificates',
  component: 'kubelet',
  goals: ['authenticity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'Without --client-ca-file the kubelet cannot authenticate the API server\'s client certificate, leaving only anonymous or token access to its API.',
  recipe: 'Set `--client-ca-file` to the cluster CA (or `authentication.x509.clientCAFile` in the kubelet config file).',
  peers: {
    checkov: ['CKV_K8S_140'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set {{flag}}; client certificate authentication to the kubelet API is off.',
  },
  check: required('client-ca-file'),
});
