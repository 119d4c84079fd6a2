import { defineRule } from '../../engine';
import { containersMounting, hostPathVolumes, mountedByText, normalizeHostPath } from '../_lib/volumes';

/** Host directories whose contents control or reveal the node. */
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/root', '/sys', '/usr', '/var/lib/kubelet', '/var/lib/etcd'];


function sensitiveRoot(p: string): string | undefined {
  const n = normalizeHostPath(p);
  if (n === '/') return '/';
  return SENSITIVE.find((s) => s !== '/' && (n === s || n.startsWith(s + '/')));
}

export default defineRule({
  meta: {
    id: 'sensitive-host-mount',
    title: 'Sensitive host directory mounted',
    category: 'cluster',
    goals: ['confidentiality', 'integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A hostPath volume of the node\'s root, /etc, /proc, /sys, /dev, /boot, system libraries or the kubelet\'s state hands the pod node credentials, kernel interfaces or devices: one step from owning the node.',
      recipe: 'Mount the narrowest path the workload needs (a single file or a dedicated directory), read-only, or replace the hostPath with a ConfigMap, a Secret or a PersistentVolume.',
    },
    peers: {
      'kube-linter': ['sensitive-host-mounts'],
      kubesec: ['ProcMount'],
      trivy: ['KSV-0121'],
    },
    messages: {
      sensitive: '{{kind}} {{name}}: volume "{{volume}}" mounts the host path "{{hostPath}}", inside the sensitive host directory {{root}}{{mountedBy}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      const root = v.hostPath === undefined ? undefined : sensitiveRoot(v.hostPath);
      if (!root) continue;
      const mountedBy = mountedByText(containersMounting(ctx.containers(), v.name));
      ctx.report({ messageId: 'sensitive', data: { volume: v.name, hostPath: v.hostPath!, root, mountedBy }, path: [...v.path, 'hostPath', 'path'] });
    }
  },
});
