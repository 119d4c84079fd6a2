import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'requests-equal-limits',
    title: 'CPU, memory or ephemeral-storage request differs from its limit',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A container whose requests are below its limits is scheduled for less than it may use: when neighbours use their share too, the node runs out of memory and the kubelet kills the pods that exceed their requests first.',
      recipe: 'Set each memory (and, for latency-critical services, CPU) limit equal to its request, which gives the pod the Guaranteed QoS class.',
    },
    peers: {
      'kube-score': ['container-resource-requests-equal-limits', 'container-cpu-requests-equal-limits', 'container-memory-requests-equal-limits', 'container-ephemeral-storage-request-equals-limit'],
    },
    peerMessages: {
      'kube-score': {
        'container-resource-requests-equal-limits': ['differ', 'noLimit'],
        'container-cpu-requests-equal-limits': ['differ', 'noLimit'],
        'container-memory-requests-equal-limits': ['differ', 'noLimit'],
        'container-ephemeral-storage-request-equals-limit': ['storageDiffer'],
      },
    },
    messages: {
      differ: '{{kind}} {{name}}: container "{{container}}" requests {{request}} {{resource}} but may use {{limit}}.',
      noLimit: '{{kind}} {{name}}: container "{{container}}" requests {{resource}} without a limit.',
      storageDiffer: '{{kind}} {{name}}: container "{{container}}" requests {{request}} of ephemeral storage but may write {{limit}}, so the node\'s disk can fill before it is evicted.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers') continue;
      const r = isRecord(c.value.resources) ? c.value.resources : undefined;
      if (!r) continue;
      const req = isRecord(r.requests) ? r.requests : {};
      const lim = isRecord(r.limits) ? r.limits : {};
      for (const res of ['cpu', 'memory']) {
        const q = req[res];
        const l = lim[res];
        if (q === undefined) continue; // a limit alone sets an equal request
        if (l === undefined) {
          ctx.report({ messageId: 'noLimit', data: { container: c.name, resource: res }, path: [...c.path, 'resources', 'requests', res] });
        } else if (String(q) !== String(l)) {
          const path = [...c.path, 'resources', 'limits', res];
          ctx.report({
            messageId: 'differ',
            data: { container: c.name, resource: res, request: String(q), limit: String(l) },
            path,
            fix: { title: `Set the ${res} limit to the request (${String(q)})`, safety: 'review', ops: [{ op: 'set', path, value: typeof q === 'number' ? q : String(q) }] },
          });
        }
      }
      // ephemeral storage: only a request and a limit that are both written and differ (a missing limit is ephemeral-storage-limit's)
      const q = req['ephemeral-storage'];
      const l = lim['ephemeral-storage'];
      if (q !== undefined && q !== null && l !== undefined && l !== null && String(q) !== String(l)) {
        const path = [...c.path, 'resources', 'limits', 'ephemeral-storage'];
        ctx.report({
          messageId: 'storageDiffer',
          data: { container: c.name, request: String(q), limit: String(l) },
          path,
          fix: { title: `Set the ephemeral-storage limit to the request (${String(q)})`, safety: 'review', ops: [{ op: 'set', path, value: typeof q === 'number' ? q : String(q) }] },
        });
      }
    }
  },
});
