import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'namespace-quota-missing',
    title: 'Namespace has no ResourceQuota or LimitRange',
    category: 'cluster',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['Namespace'],
    reads: ['ResourceQuota', 'LimitRange'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without a ResourceQuota a namespace can claim the whole cluster\'s CPU, memory and object counts, and without a LimitRange its containers without limits run unbounded: one runaway team or exploit starves the others.',
      recipe: 'Ship a ResourceQuota (total requests, limits and object counts) and a LimitRange (default and maximum per container) with each namespace.',
    },
    peers: {
      trivy: ['KSV-0039', 'KSV-0040'],
    },
    // Trivy splits the two: KSV-0039 is the LimitRange, KSV-0040 the ResourceQuota
    peerMessages: {
      trivy: { 'KSV-0039': ['limitRange'], 'KSV-0040': ['quota'] },
    },
    messages: {
      quota: '{{kind}} {{name}}: no ResourceQuota for this namespace in the scanned manifests, so it can consume the whole cluster.',
      limitRange: '{{kind}} {{name}}: no LimitRange for this namespace in the scanned manifests, so containers without limits run unbounded.',
    },
  },
  check(ctx) {
    const ns = ctx.object.name;
    if (!ns || ns.startsWith('kube-')) return;
    const has = (kind: string) => ctx.objectsOfKind(kind).some((o) => o.namespace === ns);
    if (!has('ResourceQuota')) ctx.report({ messageId: 'quota', path: ['metadata', 'name'] });
    if (!has('LimitRange')) ctx.report({ messageId: 'limitRange', path: ['metadata', 'name'] });
  },
});
