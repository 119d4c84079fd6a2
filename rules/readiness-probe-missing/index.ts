import { defineRule } from '../../engine';
import { reportMissingProbe } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    title: 'Container has no readiness probe',
    category: 'code',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'Without a readiness probe a container counts as ready as soon as it starts: Services send it traffic before it can answer, and rolling updates move on before the new version works.',
      recipe: 'Add a `readinessProbe` that succeeds only when the container can serve requests (e.g. `httpGet` on a health endpoint).',
    },
    peers: {
      'kube-linter': ['no-readiness-probe'],
      polaris: ['readinessProbeMissing'],
      checkov: ['CKV_K8S_9'],
      kubescape: ['C-0018'],
      datree: ['CONTAINERS_MISSING_READINESSPROBE_KEY'],
    },
    messages: {
      missing: '{{kind}} {{name}}: container "{{container}}" has no readiness probe: it receives traffic before it can serve it.',
      sidecar: '{{kind}} {{name}}: sidecar container "{{container}}" has no readiness probe: it receives traffic before it can serve it.',
    },
  },
  check(ctx) {
    reportMissingProbe(ctx, 'readinessProbe');
  },
});
