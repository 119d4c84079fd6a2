import { defineRule, isRecord } from '../../engine';
import { show } from '../_lib/pss';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  meta: {
    id: 'host-probe-lifecycle',
    title: 'Probe or lifecycle hook targets another host',
    category: 'cluster',
    goals: ['confidentiality', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Host Probes / Lifecycle Hooks',
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'The kubelet sends httpGet and tcpSocket probes and lifecycle hooks from the node; a `host` field lets a pod author make the node call any address, including node-local services the pod itself cannot reach.',
      recipe: 'Remove the `host` field so the kubelet targets the pod\'s own IP; to send a Host header, use `httpHeaders` instead.',
    },
    peers: {
      pss: ['hostProbesAndHostLifecycle'],
    },
    messages: {
      probe: '{{kind}} {{name}}: container "{{container}}" {{probe}} {{handler}} targets host "{{host}}"; the kubelet would send it from the node.',
      hook: '{{kind}} {{name}}: container "{{container}}" {{probe}} hook {{handler}} targets host "{{host}}"; the kubelet would send it from the node.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const sites: Array<{ probe: string; value: unknown; path: Array<string | number>; hook: boolean }> = [];
      for (const p of PROBES) sites.push({ probe: p, value: c.value[p], path: [...c.path, p], hook: false });
      const lc = c.value.lifecycle;
      if (isRecord(lc)) for (const h of HOOKS) sites.push({ probe: h, value: lc[h], path: [...c.path, 'lifecycle', h], hook: true });
      for (const s of sites) {
        if (!isRecord(s.value)) continue;
        for (const handler of HANDLERS) {
          const hv = s.value[handler];
          if (!isRecord(hv) || hv.host === undefined || hv.host === null || hv.host === '') continue;
          const path = [...s.path, handler, 'host'];
          ctx.report({
            messageId: s.hook ? 'hook' : 'probe',
            data: { container: c.name, probe: s.probe, handler, host: show(hv.host) },
            path,
            fix: { title: 'Remove the host field', safety: 'review', ops: [{ op: 'remove', path }] },
          });
        }
      }
    }
  },
});
