import { defineRule } from '../../engine';
import { reportMissingProbe } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'liveness-probe-missing',
    title: 'Container has no liveness probe',
    category: 'code',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'Without a liveness probe a container that hangs (deadlock, exhausted pool) stays up forever: the kubelet only restarts containers whose process exits.',
      recipe: 'Add a cheap `livenessProbe` (httpGet, tcpSocket, grpc or exec) that fails only when a restart would help; do not make it depend on other services.',
    },
    peers: {
      'kube-linter': ['no-liveness-probe'],
      polaris: ['livenessProbeMissing'],
      checkov: ['CKV_K8S_8'],
      kubescape: ['C-0056'],
      datree: ['CONTAINERS_MISSING_LIVENESSPROBE_KEY'],
    },
    messages: {
      missing: '{{kind}} {{name}}: container "{{container}}" has no liveness probe: the kubelet cannot restart it when it hangs.',
      sidecar: '{{kind}} {{name}}: sidecar container "{{container}}" has no liveness probe: the kubelet cannot restart it when it hangs.',
    },
  },
  check(ctx) {
    reportMissingProbe(ctx, 'livenessProbe');
  },
});
