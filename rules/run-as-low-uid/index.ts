import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'run-as-low-uid',
    title: 'Container runs with a low UID or GID',
    category: 'container',
    goals: ['confidentiality', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'isolation',
    docs: {
      summary: 'A UID or GID below 10000 is likely to match a real user or group on the node, so a process that escapes the container may own host files and processes of that account.',
      recipe: 'Run as a high, unshared id such as `runAsUser: 10001` and `runAsGroup: 10001` (the image must work with it), or run the pod in its own user namespace.',
    },
    peers: {
      kubesec: ['RunAsUser', 'RunAsGroup'],
      'kube-score': ['container-security-context-user-group-id'],
      checkov: ['CKV_K8S_40'],
      trivy: ['KSV-0020', 'KSV-0021'],
      datree: ['CONTAINERS_INCORRECT_RUNASUSER_VALUE_LOWUID', 'CONTAINERS_INCORRECT_RUNASGROUP_VALUE_LOWGID'],
    },
    peerMessages: {
      kubesec: { RunAsUser: ['runAsUser'], RunAsGroup: ['runAsGroup'] },
      trivy: { 'KSV-0020': ['runAsUser'], 'KSV-0021': ['runAsGroup'] },
      datree: { CONTAINERS_INCORRECT_RUNASUSER_VALUE_LOWUID: ['runAsUser'], CONTAINERS_INCORRECT_RUNASGROUP_VALUE_LOWGID: ['runAsGroup'] },
    },
    messages: {
      runAsUser: '{{kind}} {{name}}: {{who}} runs as UID {{id}}, below {{min}}; it may share the id of a user on the node.',
      runAsGroup: '{{kind}} {{name}}: {{who}} runs with GID {{id}}, below {{min}}; it may share the id of a group on the node.',
    },
    defaultOptions: { minId: 10000 },
  },
  check(ctx) {
    const min = typeof ctx.options.minId === 'number' ? ctx.options.minId : 10000;
    const seen = new Set<string>();
    for (const c of ctx.containers()) {
      for (const field of ['runAsUser', 'runAsGroup'] as const) {
        const s = c.effective(field);
        // 0 counts too (as for the peers); run-as-root and run-as-root-group say more about it.
        if (typeof s.value !== 'number' || s.value < 0 || s.value >= min) continue;
        const key = JSON.stringify(s.path);
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({ messageId: field, data: { who: s.from === 'pod' ? 'the pod' : `container "${c.name}"`, id: s.value, min }, path: s.path });
      }
    }
  },
});
