import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'dns-config-options',
    title: 'Pod spec does not set the expected DNS resolver options',
    category: 'code',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'With the cluster default `ndots:5` every lookup of an external name is first tried against each search domain, multiplying DNS queries and latency; a DNS outage then hits every workload harder.',
      recipe: 'Set `dnsConfig.options` with the resolver options your platform expects (by default `ndots: "2"`).',
    },
    peers: {
      'kube-linter': ['dnsconfig-options'],
    },
    messages: {
      missing: '{{kind}} {{name}}: dnsConfig does not set resolver option {{option}}:{{value}}.',
      differs: '{{kind}} {{name}}: dnsConfig sets resolver option {{option}} to {{actual}}, not {{value}}.',
    },
    defaultOptions: { options: { ndots: '2' } },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const wanted = isRecord(ctx.options.options) ? ctx.options.options : { ndots: '2' };
    const dns = isRecord(pod.value.dnsConfig) ? pod.value.dnsConfig : undefined;
    const list = dns && Array.isArray(dns.options) ? dns.options : [];
    for (const [option, raw] of Object.entries(wanted)) {
      const value = raw === null || raw === undefined ? '' : String(raw);
      const i = list.findIndex((o) => isRecord(o) && o.name === option);
      if (i < 0) {
        const path = dns ? (Array.isArray(dns.options) ? [...pod.path, 'dnsConfig', 'options'] : [...pod.path, 'dnsConfig']) : pod.path;
        ctx.report({ messageId: 'missing', data: { option, value }, path });
        continue;
      }
      const actual = (list[i] as Record<string, unknown>).value;
      if (value !== '' && String(actual ?? '') !== value) {
        ctx.report({ messageId: 'differs', data: { option, value, actual: actual === undefined || actual === null ? '(no value)' : String(actual) }, path: [...pod.path, 'dnsConfig', 'options', i] });
      }
    }
  },
});
