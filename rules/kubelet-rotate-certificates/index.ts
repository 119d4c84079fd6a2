import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-rotate-certificates',
  title: 'Kubelet does not rotate its client certificate',
  component: 'kubelet',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  summary: 'Without --rotate-certificates=true the kubelet does not renew its client certificate, so credentials are long-lived and the node fails when they expire.',
  recipe: 'Add `--rotate-certificates=true` (or `rotateCertificates: true` in the kubelet config file).',
  peers: {
    checkov: ['CKV_K8S_149'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --rotate-certificates={{value}}; its client certificate is not renewed and the node drops out when it expires.',
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set --rotate-certificates=true, and it defaults to false; its client certificate is not renewed and the node drops out when it expires.',
  },
  check: boolMust('rotate-certificates', true, false),
  fix: { safety: 'review' },
});
