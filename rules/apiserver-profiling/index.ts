import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'apiserver-profiling',
  title: 'API server exposes profiling',
  component: 'kube-apiserver',
  goals: ['confidentiality', 'availability'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-apiserver serves Go profiling endpoints under /debug/pprof unless --profiling=false, exposing internals and an easy way to load the server.',
  recipe: 'Add `--profiling=false` to the kube-apiserver command.',
  peers: {
    checkov: ['CKV_K8S_90'],
    kubescape: ['C-0129'],
    trivy: ['KCV-0018'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --profiling={{value}}; the /debug/pprof endpoints reveal internals and can be used to load the server.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --profiling=false, and it defaults to true; the /debug/pprof endpoints reveal internals and can be used to load the server.',
  },
  check: boolMust('profiling', false, true),
  fix: { safety: 'review' },
});
