import { defineRule, type ContainerRef, type PodSpecRef } from '../../engine';

/** Kinds whose pods run to completion: probes make no sense there. */
const BATCH_KINDS = new Set(['Job', 'CronJob']);

/** Containers that run for the pod's lifetime: regular ones and sidecars (init containers with restartPolicy: Always). */
function longRunning(pod: PodSpecRef, all: ContainerRef[]): ContainerRef[] {
  const rp = pod.value.restartPolicy;
  if (rp === 'Never' || rp === 'OnFailure') return [];
  return all.filter((c) => c.list === 'containers' || (c.list === 'initContainers' && c.value.restartPolicy === 'Always'));
}

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    title: 'Container has no readiness probe',
    category: 'code',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
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
    const pod = ctx.podSpec();
    if (!pod || BATCH_KINDS.has(ctx.object.kind)) return;
    for (const c of longRunning(pod, ctx.containers())) {
      if (c.value.readinessProbe !== undefined && c.value.readinessProbe !== null) continue;
      ctx.report({
        messageId: c.list === 'containers' ? 'missing' : 'sidecar',
        data: { container: c.name },
        path: [...c.path, 'readinessProbe'],
      });
    }
  },
});
