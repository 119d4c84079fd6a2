import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-kubelet-https',
  title: 'API server talks to kubelets over plain HTTP',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'integrity'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-apiserver --kubelet-https=false makes the API server connect to kubelets over plain HTTP, so exec, attach, logs and port-forward streams cross the network unencrypted.',
  recipe: 'Remove `--kubelet-https=false` (HTTPS is the default) or set it to true.',
  peers: {
    checkov: ['CKV_K8S_71'],
    trivy: ['KCV-0004'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --kubelet-https={{value}}; logs, exec and port-forward traffic to kubelets travels unencrypted.',
  },
  check: boolMust('kubelet-https', true, true),
  fix: { safety: 'review' },
});
