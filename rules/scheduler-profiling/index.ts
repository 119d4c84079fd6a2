import { flagRule, boolMust } from '../_lib/control-plane';

export default flagRule({
  id: 'scheduler-profiling',
  title: 'Scheduler exposes profiling',
  component: 'kube-scheduler',
  goals: ['confidentiality', 'availability'],
  severity: 'warning',
  profiles: ['recommended'],
  summary: 'kube-scheduler serves Go profiling endpoints unless --profiling=false (or enableProfiling: false in its --config file).',
  recipe: 'Add `--profiling=false` to the kube-scheduler command.',
  peers: {
    checkov: ['CKV_K8S_114'],
    kubescape: ['C-0151'],
    trivy: ['KCV-0040'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-scheduler in container "{{container}}" sets --profiling={{value}}; the /debug/pprof endpoints reveal internals and can be used to load the process.',
    missing: '{{kind}} {{name}}: kube-scheduler in container "{{container}}" does not set --profiling=false, and it defaults to true; the /debug/pprof endpoints reveal internals and can be used to load the process.',
  },
  check: (cl) => (cl.flags.has('config') ? undefined : boolMust('profiling', false, true)(cl)),
  fix: { safety: 'review' },
});
