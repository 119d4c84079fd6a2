import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'ephemeral-storage-limit',
    title: 'Container has no ephemeral-storage request and limit',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Logs, caches and temporary files of a container without an ephemeral-storage limit can fill the node\'s disk, and the kubelet then evicts other pods on that node.',
      recipe: 'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage` on every container (and `sizeLimit` on emptyDir volumes).',
    },
    peers: {
      'kube-score': ['container-ephemeral-storage-request-and-limit'],
    },
    messages: {
      missing: '{{kind}} {{name}}: container "{{container}}" sets no ephemeral-storage {{what}}, so it can fill the node\'s disk.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers') continue; // they cannot set resources
      const r = isRecord(c.value.resources) ? c.value.resources : {};
      const has = (k: string) => isRecord(r[k]) && (r[k] as Record<string, unknown>)['ephemeral-storage'] !== undefined;
      const missing = [has('requests') ? '' : 'request', has('limits') ? '' : 'limit'].filter(Boolean);
      if (!missing.length) continue;
      // a limit alone implies an equal request
      if (missing.length === 1 && missing[0] === 'request') continue;
      ctx.report({ messageId: 'missing', data: { container: c.name, what: missing.join(' or ') }, path: isRecord(c.value.resources) ? [...c.path, 'resources'] : c.path });
    }
  },
});
