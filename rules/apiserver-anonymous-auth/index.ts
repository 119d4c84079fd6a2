import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-anonymous-auth',
  title: 'API server accepts anonymous requests',
  component: 'kube-apiserver',
  goals: ['authenticity', 'confidentiality'],
  severity: 'error',
  profiles: ['recommended'],
  principle: 'zero trust',
  summary: 'kube-apiserver treats requests that carry no credentials as the user system:anonymous unless --anonymous-auth=false, so every RBAC grant to system:unauthenticated becomes reachable by anyone who can connect.',
  recipe: 'Add `--anonymous-auth=false` to the kube-apiserver command (health checks can use authenticated probes or the /livez endpoints granted explicitly).',
  peers: {
    checkov: ['CKV_K8S_68'],
    kubescape: ['C-0113'],
    trivy: ['KCV-0001'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --anonymous-auth={{value}}; requests without credentials reach the API as system:anonymous.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --anonymous-auth=false, and it defaults to true; requests without credentials reach the API as system:anonymous.',
  },
  check: boolMust('anonymous-auth', false, true),
  fix: { safety: 'review' },
});
