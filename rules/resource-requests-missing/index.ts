import { defineRule, isRecord } from '../../engine';
import { quantitySet } from '../_lib/container';

const RESOURCES = ['cpu', 'memory'] as const;

export default defineRule({
  meta: {
    id: 'resource-requests-missing',
    title: 'Container has no CPU or memory request',
    category: 'code',
    goals: ['availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Without requests the scheduler places the pod as if it needed nothing: nodes get overcommitted and the pod is the first to be evicted under pressure (BestEffort).',
      recipe: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container and init container, sized from observed usage.',
    },
    peers: {
      'kube-linter': ['unset-cpu-requirements'],
      polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
      'kube-score': ['container-resources'],
      kubesec: ['RequestsCPU', 'RequestsMemory'],
      checkov: ['CKV_K8S_10', 'CKV_K8S_12'],
      kubescape: ['C-0268', 'C-0269', 'C-0050', 'C-0004'],
      trivy: ['KSV-0015', 'KSV-0016'],
      datree: ['CONTAINERS_MISSING_CPU_REQUEST_KEY', 'CONTAINERS_MISSING_MEMORY_REQUEST_KEY'],
    },
    peerMessages: {
      'kube-linter': { 'unset-cpu-requirements': ['cpu', 'cpuFromLimit'] },
      polaris: { cpuRequestsMissing: ['cpu', 'cpuFromLimit'], memoryRequestsMissing: ['memory', 'memoryFromLimit'] },
      kubesec: { RequestsCPU: ['cpu', 'cpuFromLimit'], RequestsMemory: ['memory', 'memoryFromLimit'] },
      checkov: { CKV_K8S_10: ['cpu', 'cpuFromLimit'], CKV_K8S_12: ['memory', 'memoryFromLimit'] },
      trivy: { 'KSV-0015': ['cpu', 'cpuFromLimit'], 'KSV-0016': ['memory', 'memoryFromLimit'] },
      datree: { CONTAINERS_MISSING_CPU_REQUEST_KEY: ['cpu', 'cpuFromLimit'], CONTAINERS_MISSING_MEMORY_REQUEST_KEY: ['memory', 'memoryFromLimit'] },
    },
    messages: {
      cpu: '{{kind}} {{name}}: container "{{container}}" has no CPU request.',
      memory: '{{kind}} {{name}}: container "{{container}}" has no memory request.',
      cpuFromLimit: '{{kind}} {{name}}: container "{{container}}" has no CPU request; Kubernetes silently uses its CPU limit ({{limit}}) as the request.',
      memoryFromLimit: '{{kind}} {{name}}: container "{{container}}" has no memory request; Kubernetes silently uses its memory limit ({{limit}}) as the request.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // the API rejects resources on ephemeral containers; init containers are scheduled on their requests too
      if (c.list === 'ephemeralContainers') continue;
      const res = isRecord(c.value.resources) ? c.value.resources : {};
      const requests = isRecord(res.requests) ? res.requests : {};
      const limits = isRecord(res.limits) ? res.limits : {};
      for (const r of RESOURCES) {
        if (quantitySet(requests[r])) continue;
        // Kubernetes copies a limit into a missing request: say so, since the request then moves with the limit
        const fromLimit = quantitySet(limits[r]);
        ctx.report({
          messageId: fromLimit ? `${r}FromLimit` : r,
          data: { container: c.name, limit: String(limits[r]) },
          path: [...c.path, 'resources', 'requests', r],
        });
      }
    }
  },
});
