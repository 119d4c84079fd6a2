import { defineRule, isRecord } from '../../engine';

/** Host directories whose contents control or reveal the node. */
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/root', '/sys', '/usr', '/var/lib/kubelet', '/var/lib/etcd'];

/** `/etc//kubernetes/` → `/etc/kubernetes`; `.` and `..` segments are resolved. */
function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function sensitiveRoot(p: string): string | undefined {
  const n = normalize(p);
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
      sensitive: '{{kind}} {{name}}: volume "{{volume}}" mounts the host path "{{hostPath}}", inside the sensitive host directory {{root}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || !Array.isArray(pod.value.volumes)) return;
    pod.value.volumes.forEach((v, i) => {
      if (!isRecord(v) || !isRecord(v.hostPath) || typeof v.hostPath.path !== 'string') return;
      const root = sensitiveRoot(v.hostPath.path);
      if (!root) return;
      ctx.report({
        messageId: 'sensitive',
        data: { volume: typeof v.name === 'string' ? v.name : `#${i}`, hostPath: v.hostPath.path, root },
        path: [...pod.path, 'volumes', i, 'hostPath', 'path'],
      });
    });
  },
});
