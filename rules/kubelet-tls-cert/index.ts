import { flagRule, boolOf, required } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-tls-cert',
  title: 'Kubelet serves a self-signed certificate',
  component: 'kubelet',
  goals: ['authenticity', 'confidentiality'],
  severity: 'warning',
  profiles: [],
  summary: 'A kubelet without --tls-cert-file/--tls-private-key-file (and without --rotate-server-certificates) generates a self-signed serving certificate the API server cannot verify.',
  recipe: 'Set `--tls-cert-file` and `--tls-private-key-file`, or `--rotate-server-certificates=true` to get a CA-signed certificate.',
  peers: {
    checkov: ['CKV_K8S_148'],
  },
  messages: {
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set {{flag}} and does not request its serving certificate from the cluster; it serves a self-signed certificate.',
  },
  check: (cl) => {
    const rotate = cl.flags.get('rotate-server-certificates');
    if (rotate && boolOf(rotate.value) === true) return undefined;
    return required('tls-cert-file', 'tls-private-key-file')(cl);
  },
});
