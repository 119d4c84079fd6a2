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
    id: 'liveness-probe-missing',
    title: 'Container has no liveness probe',
    category: 'code',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
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
    const pod = ctx.podSpec();
    if (!pod || BATCH_KINDS.has(ctx.object.kind)) return;
    for (const c of longRunning(pod, ctx.containers())) {
      if (c.value.livenessProbe !== undefined && c.value.livenessProbe !== null) continue;
      ctx.report({
        messageId: c.list === 'containers' ? 'missing' : 'sidecar',
        data: { container: c.name },
        path: [...c.path, 'livenessProbe'],
      });
    }
  },
});
