import { defineRule, isRecord } from '../../engine';
import { PSS_VERSION, safeSysctl, show, targetMinor } from '../_lib/pss';

/**
 * The kubelet's `--allowed-unsafe-sysctls` syntax: exact names, or a prefix ending in `*` (`kernel.msg*`).
 * Sysctl names may use `/` instead of `.` as separator; both are compared in dotted form.
 */
function allowList(option: unknown): (name: string) => boolean {
  const dotted = (n: string) => n.replace(/\//g, '.');
  const entries = Array.isArray(option) ? option.filter((x): x is string => typeof x === 'string').map(dotted) : [];
  return (name) => {
    const n = dotted(name);
    return entries.some((e) => (e.endsWith('*') ? n.startsWith(e.slice(0, -1)) : n === e));
  };
}

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    title: 'Pod sets an unsafe sysctl',
    category: 'cluster',
    goals: ['availability', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Sysctls',
    layer: 'system',
    principle: 'isolation',
    docs: {
      summary: 'A sysctl outside the safe, namespaced list can change kernel behaviour for the whole node or starve other pods, and the kubelet rejects it unless the node explicitly allows it.',
      recipe: 'Remove the sysctl from `securityContext.sysctls`, or keep only the safe ones (e.g. `net.ipv4.ip_local_port_range`, `net.ipv4.tcp_keepalive_time`); tune node-wide settings on the node instead.',
    },
    peers: {
      'kube-linter': ['unsafe-sysctls'],
      trivy: ['KSV-0026'],
      pss: ['sysctls'],
    },
    defaultOptions: { kubernetesVersion: PSS_VERSION, allowedUnsafeSysctls: [] },
    messages: {
      unsafe: '{{kind}} {{name}}: sysctl "{{sysctl}}" is not on the safe list of Kubernetes {{version}}; it can affect the whole node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const allowed = allowList(ctx.options.allowedUnsafeSysctls);
    const minor = targetMinor(ctx.options.kubernetesVersion);
    const sc = pod.value.securityContext;
    if (!isRecord(sc) || !Array.isArray(sc.sysctls)) return;
    sc.sysctls.forEach((s, i) => {
      if (!isRecord(s)) return;
      const name = show(s.name);
      if (safeSysctl(name, minor) || allowed(name)) return;
      const item = [...pod.path, 'securityContext', 'sysctls', i];
      ctx.report({
        messageId: 'unsafe', data: { sysctl: name, version: `1.${minor}` }, path: [...item, 'name'],
        fix: { title: `Remove sysctl ${name}`, safety: 'review', ops: [{ op: 'remove', path: item }] },
      });
    });
  },
});
