import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'kubelet-anonymous-auth',
  title: 'Kubelet accepts anonymous requests',
  component: 'kubelet',
  goals: ['authenticity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  principle: 'zero trust',
  summary: 'A kubelet started without --anonymous-auth=false (or a config file) serves unauthenticated requests as system:anonymous on its API, which can list pods and, with weak authorization, run commands in them.',
  recipe: 'Add `--anonymous-auth=false` (or set `authentication.anonymous.enabled: false` in the kubelet config file).',
  peers: {
    checkov: ['CKV_K8S_138'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kubelet in container "{{container}}" sets --anonymous-auth={{value}}; requests without credentials reach the kubelet API as system:anonymous.',
    missing: '{{kind}} {{name}}: kubelet in container "{{container}}" does not set --anonymous-auth=false, and it defaults to true; requests without credentials reach the kubelet API as system:anonymous.',
  },
  check: boolMust('anonymous-auth', false, true),
  fix: { safety: 'review' },
});
