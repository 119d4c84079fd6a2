import { defineRule } from '../../engine';
import { isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'host-users',
    title: 'Pod shares the node user namespace',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'defense in depth',
    docs: {
      summary: 'Unless a pod sets `hostUsers: false`, its containers run in the node\'s user namespace: UID 0 in the container is UID 0 on the node, so a container escape lands as root with root\'s file access.',
      recipe: 'Set `hostUsers: false` on pods that do not use host namespaces, on nodes whose kernel and runtime support user namespaces (Kubernetes 1.33+, or 1.30+ with the UserNamespacesSupport feature gate, and containerd 2.0+ or CRI-O 1.25+).',
    },
    peers: {
      kubesec: ['HostUsers'],
    },
    messages: {
      unset: '{{kind}} {{name}}: hostUsers is not set to false, so container UIDs are the node\'s UIDs (root in the container is root on the node).',
      enabled: '{{kind}} {{name}}: hostUsers is true, so container UIDs are the node\'s UIDs (root in the container is root on the node).',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    const value = pod.value.hostUsers;
    if (value === false) return;
    const path = [...pod.path, 'hostUsers'];
    // The API server rejects hostUsers: false next to host namespaces; that pod needs a redesign, not an edit.
    const hostNamespaces = pod.value.hostNetwork === true || pod.value.hostPID === true || pod.value.hostIPC === true;
    ctx.report({
      messageId: value === undefined || value === null ? 'unset' : 'enabled', path,
      ...(hostNamespaces ? {} : { fix: { title: 'Set hostUsers: false', safety: 'review', ops: [{ op: 'set', path, value: false }] } }),
    });
  },
});
