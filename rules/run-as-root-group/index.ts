import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'run-as-root-group',
    title: 'Pod or container runs with the root group',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'GID 0 as primary group, fsGroup or supplementary group gives the process the root group\'s access to every file the image (or a mounted volume) makes group-root writable.',
      recipe: 'Set `runAsGroup` and `fsGroup` to a non-zero id and remove 0 from `supplementalGroups`.',
    },
    peers: {
      trivy: ['KSV-0116'],
    },
    messages: {
      runAsGroup: '{{kind}} {{name}}: {{who}} runs with GID 0 (root group).',
      fsGroup: '{{kind}} {{name}}: the pod sets fsGroup 0, so its volumes belong to the root group.',
      supplementalGroups: '{{kind}} {{name}}: the pod adds the root group (GID 0) to its supplementary groups.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const seen = new Set<string>();
    for (const c of ctx.containers()) {
      const s = c.effective('runAsGroup');
      if (s.value !== 0) continue;
      const key = JSON.stringify(s.path);
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({ messageId: 'runAsGroup', data: { who: s.from === 'pod' ? 'the pod' : `container "${c.name}"` }, path: s.path });
    }
    const sc = pod.value.securityContext;
    if (!isRecord(sc)) return;
    const base = [...pod.path, 'securityContext'];
    if (sc.fsGroup === 0) ctx.report({ messageId: 'fsGroup', path: [...base, 'fsGroup'] });
    if (Array.isArray(sc.supplementalGroups)) {
      sc.supplementalGroups.forEach((g, i) => {
        if (g === 0) ctx.report({ messageId: 'supplementalGroups', path: [...base, 'supplementalGroups', i] });
      });
    }
  },
});
