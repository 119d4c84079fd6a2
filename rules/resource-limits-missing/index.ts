import { defineRule, isRecord } from '../../engine';
import { quantitySet } from '../_lib/container';

const RESOURCES = ['cpu', 'memory'] as const;

export default defineRule({
  meta: {
    id: 'resource-limits-missing',
    title: 'Container has no CPU or memory limit',
    category: 'cluster',
    goals: ['availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Without limits a container can take all the CPU or memory of its node, starving its neighbours and the kubelet; a leak then becomes a node outage.',
      recipe: 'Set `resources.limits.memory` (and `resources.limits.cpu` where throttling is acceptable) on every container and init container, sized from observed usage.',
    },
    peers: {
      'kube-linter': ['unset-memory-requirements'],
      polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
      'kube-score': ['container-resources'],
      kubesec: ['LimitsCPU', 'LimitsMemory'],
      checkov: ['CKV_K8S_11', 'CKV_K8S_13'],
      kubescape: ['C-0270', 'C-0271', 'C-0009', 'C-0050', 'C-0004'],
      trivy: ['KSV-0011', 'KSV-0018'],
      datree: ['CONTAINERS_MISSING_CPU_LIMIT_KEY', 'CONTAINERS_MISSING_MEMORY_LIMIT_KEY'],
    },
    peerMessages: {
      'kube-linter': { 'unset-memory-requirements': ['memory'] },
      polaris: { cpuLimitsMissing: ['cpu'], memoryLimitsMissing: ['memory'] },
      kubesec: { LimitsCPU: ['cpu'], LimitsMemory: ['memory'] },
      checkov: { CKV_K8S_11: ['cpu'], CKV_K8S_13: ['memory'] },
      trivy: { 'KSV-0011': ['cpu'], 'KSV-0018': ['memory'] },
      datree: { CONTAINERS_MISSING_CPU_LIMIT_KEY: ['cpu'], CONTAINERS_MISSING_MEMORY_LIMIT_KEY: ['memory'] },
    },
    messages: {
      cpu: '{{kind}} {{name}}: container "{{container}}" has no CPU limit.',
      memory: '{{kind}} {{name}}: container "{{container}}" has no memory limit.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // the API rejects resources on ephemeral containers; init containers do consume node resources
      if (c.list === 'ephemeralContainers') continue;
      const res = isRecord(c.value.resources) ? c.value.resources : {};
      const limits = isRecord(res.limits) ? res.limits : {};
      for (const r of RESOURCES) {
        if (quantitySet(limits[r])) continue;
        ctx.report({ messageId: r, data: { container: c.name }, path: [...c.path, 'resources', 'limits', r] });
      }
    }
  },
});
