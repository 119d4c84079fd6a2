import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-service-account-credentials',
  title: 'Controllers share the controller manager\'s credentials',
  component: 'kube-controller-manager',
  goals: ['integrity'],
  severity: 'warning',
  profiles: [],
  principle: 'least privilege',
  summary: 'Without --use-service-account-credentials=true all controllers in kube-controller-manager run with its own broad credentials instead of one narrowly scoped service account each.',
  recipe: 'Add `--use-service-account-credentials=true` (kubeadm does) and keep the per-controller RBAC roles.',
  peers: {
    checkov: ['CKV_K8S_108'],
    kubescape: ['C-0146'],
    trivy: ['KCV-0035'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" sets --use-service-account-credentials={{value}}; every controller acts with the combined rights of all controllers.',
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set --use-service-account-credentials=true, and it defaults to false; every controller acts with the combined rights of all controllers.',
  },
  check: boolMust('use-service-account-credentials', true, false),
  fix: { safety: 'review' },
});
