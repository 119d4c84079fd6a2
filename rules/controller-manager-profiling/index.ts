import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-profiling',
  title: 'Controller manager exposes profiling',
  component: 'kube-controller-manager',
  goals: ['confidentiality', 'availability'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-controller-manager serves Go profiling endpoints unless --profiling=false.',
  recipe: 'Add `--profiling=false` to the kube-controller-manager command.',
  peers: {
    checkov: ['CKV_K8S_107'],
    kubescape: ['C-0145'],
    trivy: ['KCV-0034'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" sets --profiling={{value}}; the /debug/pprof endpoints reveal internals and can be used to load the process.',
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set --profiling=false, and it defaults to true; the /debug/pprof endpoints reveal internals and can be used to load the process.',
  },
  check: boolMust('profiling', false, true),
  fix: { safety: 'review' },
});
