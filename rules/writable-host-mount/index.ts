import { defineRule, isRecord } from '../../engine';
import { show } from '../_lib/pss';
import { hostPathVolumes } from '../_lib/volumes';

export default defineRule({
  meta: {
    id: 'writable-host-mount',
    title: 'hostPath volume mounted writable',
    category: 'cluster',
    goals: ['integrity', 'possession'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A container that can write to a directory of the node can plant files the node or other pods trust (binaries, configuration, kubelet state) and persist beyond the pod.',
      recipe: 'Set `readOnly: true` on every volumeMount of a hostPath volume; if the workload must write, give it an emptyDir or a PersistentVolume instead.',
    },
    peers: {
      'kube-linter': ['writable-host-mount'],
      kubescape: ['C-0045'],
      datree: ['EKS_INVALID_HOSTPATH_MOUNT_READONLY_VALUE'],
    },
    messages: {
      writable: '{{kind}} {{name}}: container "{{container}}" mounts host path "{{hostPath}}" (volume "{{volume}}") writable.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const hostPaths = new Map(hostPathVolumes(pod).map((v) => [v.name, show(v.hostPath)]));
    if (!hostPaths.size) return;
    for (const c of ctx.containers()) {
      const mounts = c.value.volumeMounts;
      if (!Array.isArray(mounts)) continue;
      mounts.forEach((m, i) => {
        if (!isRecord(m) || typeof m.name !== 'string' || !hostPaths.has(m.name) || m.readOnly === true) return;
        const path = [...c.path, 'volumeMounts', i, 'readOnly'];
        ctx.report({
          messageId: 'writable', data: { container: c.name, volume: m.name, hostPath: hostPaths.get(m.name) ?? '' }, path,
          fix: { title: 'Mount it read-only', safety: 'review', ops: [{ op: 'set', path, value: true }] },
        });
      });
    }
  },
});
