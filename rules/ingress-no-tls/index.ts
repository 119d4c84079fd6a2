import { defineRule, isRecord } from '../../engine';

function hostCovered(host: string, tlsHosts: string[]): boolean {
  return tlsHosts.some((t) => t === host || (t.startsWith('*.') && host.endsWith(t.slice(1)) && !host.slice(0, -t.length + 1).includes('.')));
}

export default defineRule({
  meta: {
    id: 'ingress-no-tls',
    title: 'Ingress serves plain HTTP',
    category: 'code',
    goals: ['confidentiality', 'integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['Ingress'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Without a `tls` section the Ingress serves its hosts over plain HTTP: credentials, cookies and data cross the network readable and modifiable.',
      recipe: 'Add `spec.tls` listing every host with the Secret that holds its certificate (cert-manager can issue it).',
    },
    peers: {
      polaris: ['tlsSettingsMissing'],
      kubescape: ['C-0263'],
    },
    messages: {
      noTls: '{{kind}} {{name}}: no TLS is configured, so its hosts are served over plain HTTP.',
      hostNotCovered: '{{kind}} {{name}}: host "{{host}}" is not listed in spec.tls, so it is served over plain HTTP.',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : undefined;
    if (!spec) return;
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isRecord) : [];
    if (!tls.length) {
      ctx.report({ messageId: 'noTls', path: ['spec'] });
      return;
    }
    const tlsHosts = tls.flatMap((t) => (Array.isArray(t.hosts) ? t.hosts.map(String) : []));
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((r, i) => {
      if (!isRecord(r) || typeof r.host !== 'string' || !r.host) return;
      if (!tlsHosts.length || hostCovered(r.host, tlsHosts)) return; // a tls entry without hosts applies to all
      ctx.report({ messageId: 'hostNotCovered', data: { host: r.host }, path: ['spec', 'rules', i, 'host'] });
    });
  },
});
