import { defineRule, isRecord } from '../../engine';
import { addResourceKeys, quantitySet, STARTING_REQUEST } from '../_lib/container';

const RESOURCES = ['cpu', 'memory'] as const;
type Resource = (typeof RESOURCES)[number];
const LABEL: Record<Resource, string> = { cpu: 'CPU', memory: 'memory' };

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
    // a container with neither `limits` nor `requests` gets one finding, resource-limits-missing's, naming both
    yieldsTo: ['resource-limits-missing'],
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
      'kube-linter': { 'unset-cpu-requirements': ['cpu', 'both'] },
      polaris: { cpuRequestsMissing: ['cpu', 'both'], memoryRequestsMissing: ['memory', 'both'] },
      kubesec: { RequestsCPU: ['cpu', 'both'], RequestsMemory: ['memory', 'both'] },
      checkov: { CKV_K8S_10: ['cpu', 'both'], CKV_K8S_12: ['memory', 'both'] },
      trivy: { 'KSV-0015': ['cpu', 'both'], 'KSV-0016': ['memory', 'both'] },
      datree: { CONTAINERS_MISSING_CPU_REQUEST_KEY: ['cpu', 'both'], CONTAINERS_MISSING_MEMORY_REQUEST_KEY: ['memory', 'both'] },
    },
    messages: {
      cpu: '{{kind}} {{name}}: container "{{container}}" has no CPU request{{fromLimit}}.',
      memory: '{{kind}} {{name}}: container "{{container}}" has no memory request{{fromLimit}}.',
      both: '{{kind}} {{name}}: container "{{container}}" has no CPU and no memory request{{fromLimit}}.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // the API rejects resources on ephemeral containers; init containers are scheduled on their requests too
      if (c.list === 'ephemeralContainers') continue;
      const res = isRecord(c.value.resources) ? c.value.resources : {};
      const requests = isRecord(res.requests) ? res.requests : {};
      const limits = isRecord(res.limits) ? res.limits : {};
      const missing = RESOURCES.filter((r) => !quantitySet(requests[r]));
      if (!missing.length) continue;
      // Kubernetes copies a limit into a missing request: say so, since the request then moves with the limit
      const copied = missing.filter((r) => quantitySet(limits[r]) && typeof limits[r] !== 'object');
      const fromLimit = copied.length
        ? `; Kubernetes silently uses its ${copied.map((r) => `${LABEL[r]} limit (${String(limits[r])})`).join(' and ')} as the request`
        : '';
      const path = [...c.path, 'resources', 'requests'];
      const value = (r: Resource): string | number => (copied.includes(r) ? (typeof limits[r] === 'number' ? limits[r] as number : String(limits[r])) : STARTING_REQUEST[r]);
      const onlyCopies = copied.length === missing.length;
      ctx.report({
        messageId: missing.length === 2 ? 'both' : missing[0],
        data: { container: c.name, fromLimit },
        path,
        fix: {
          title: onlyCopies
            ? `Write the request Kubernetes already uses (${missing.map((r) => `${r}: ${value(r)}`).join(', ')})`
            : `Add resources.requests.${missing.join(' and ')} (${missing.map((r) => `${r}: ${value(r)}`).join(', ')}; size it from observed usage)`,
          // writing the limit as the request changes nothing the scheduler sees; a starting value does
          safety: onlyCopies ? 'safe' : 'review',
          ops: addResourceKeys(path, isRecord(res.requests), missing, value),
        },
      });
    }
  },
});
