import { defineRule, isRecord, type AbsorbingReport } from '../../engine';
import { addResourceKeys, quantitySet, STARTING_REQUEST } from '../_lib/container';

/** What the fix writes for a limit that has no request to copy: a starting point, for the user to size. */
const STARTING_LIMIT = { cpu: '500m', memory: '512Mi' } as const;

export default defineRule({
  meta: {
    id: 'resource-limits-missing',
    title: 'Container has no memory limit (or no CPU limit, where required)',
    category: 'cluster',
    goals: ['availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Without a memory limit a container can take all the memory of its node, starving its neighbours and the kubelet; a leak then becomes a node outage.',
      recipe: 'Set `resources.limits.memory` on every container and init container, sized from observed usage; add `resources.limits.cpu` only where throttling is acceptable (option `requireCpuLimit`).',
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
      'kube-linter': { 'unset-memory-requirements': ['memory', 'both'] },
      polaris: { cpuLimitsMissing: ['cpu', 'both'], memoryLimitsMissing: ['memory', 'both'] },
      kubesec: { LimitsCPU: ['cpu', 'both'], LimitsMemory: ['memory', 'both'] },
      checkov: { CKV_K8S_11: ['cpu', 'both'], CKV_K8S_13: ['memory', 'both'] },
      trivy: { 'KSV-0011': ['cpu', 'both'], 'KSV-0018': ['memory', 'both'] },
      datree: { CONTAINERS_MISSING_CPU_LIMIT_KEY: ['cpu', 'both'], CONTAINERS_MISSING_MEMORY_LIMIT_KEY: ['memory', 'both'] },
    },
    // many teams deliberately run without CPU limits (throttling); the `all` profile asks for them
    defaultOptions: { requireCpuLimit: false },
    profileOptions: { all: { requireCpuLimit: true } },
    messages: {
      cpu: '{{kind}} {{name}}: container "{{container}}" has no CPU limit{{requests}}.',
      memory: '{{kind}} {{name}}: container "{{container}}" has no memory limit{{requests}}.',
      both: '{{kind}} {{name}}: container "{{container}}" has no CPU and no memory limit{{requests}}.',
    },
  },
  check(ctx) {
    const resources = ctx.options.requireCpuLimit === true ? (['cpu', 'memory'] as const) : (['memory'] as const);
    for (const c of ctx.containers()) {
      // the API rejects resources on ephemeral containers; init containers do consume node resources
      if (c.list === 'ephemeralContainers') continue;
      const res = isRecord(c.value.resources) ? c.value.resources : {};
      const limits = isRecord(res.limits) ? res.limits : {};
      const requests = isRecord(res.requests) ? res.requests : {};
      const missing = resources.filter((r) => !quantitySet(limits[r]));
      if (!missing.length) continue;
      const path = [...c.path, 'resources', 'limits'];
      // a limit equal to the request (never below it, which the API rejects); else a starting value to size
      const value = (r: 'cpu' | 'memory'): string | number => {
        const req = requests[r];
        return typeof req === 'number' ? req : typeof req === 'string' && req !== '' ? req : STARTING_LIMIT[r];
      };
      const messageId = missing.length === 2 ? 'both' : missing[0];
      const empty = c.value.resources === undefined || (isRecord(c.value.resources) && Object.keys(c.value.resources).length === 0);
      const limitsOnly: AbsorbingReport = {
        messageId,
        data: { container: c.name, requests: '' },
        fix: {
          title: `Add resources.limits.${missing.join(' and ')} (${missing.map((r) => `${r}: ${value(r)}`).join(', ')}; size it from observed usage)`,
          safety: 'review',
          ops: empty ? [{ op: 'set', path: [...c.path, 'resources'], value: { limits: Object.fromEntries(missing.map((r) => [r, value(r)])) } }]
            : addResourceKeys(path, isRecord(res.limits), missing, value),
        },
      };
      // Neither `limits` nor `requests` written: resource-requests-missing's finding would sit on the very same
      // place and yields to this one, so this finding names the requests too, and its fix writes both blocks; where
      // resource-requests-missing is suppressed on that place, it is the limits' finding alone.
      if (res.limits === undefined && res.requests === undefined) {
        const limitsValue = Object.fromEntries(missing.map((r) => [r, value(r)]));
        const requestsValue = { cpu: STARTING_REQUEST.cpu, memory: STARTING_REQUEST.memory };
        const show = (m: Record<string, string | number>) => Object.entries(m).map(([k, v]) => `${k}: ${v}`).join(', ');
        ctx.report({
          messageId,
          data: { container: c.name, requests: ' and no CPU or memory request' },
          path,
          fix: {
            title: `Add resources (limits ${show(limitsValue)}; requests ${show(requestsValue)}; size them from observed usage)`,
            safety: 'review',
            // a `resources` map that holds other keys (claims) gets the limits only; the requests then get their own finding
            ops: empty ? [{ op: 'set', path: [...c.path, 'resources'], value: { limits: limitsValue, requests: requestsValue } }]
              : addResourceKeys(path, false, missing, value),
          },
          absorbs: ['resource-requests-missing'],
          without: () => limitsOnly,
        });
        continue;
      }
      ctx.report({ ...limitsOnly, path });
    }
  },
});
