import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs',
    category: 'cluster',
    goals: ['integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['Service'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'kube-proxy routes traffic for any address listed in `externalIPs` to the Service, so whoever can write a Service can capture traffic meant for another address (CVE-2020-8554).',
      recipe: 'Remove `spec.externalIPs`; use a LoadBalancer Service or an Ingress for external traffic.',
    },
    peers: {
      trivy: ['KSV-0108'],
    },
    messages: {
      externalIPs: '{{kind}} {{name}}: externalIPs ({{ips}}) makes every node intercept traffic to those addresses (CVE-2020-8554).',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    const ips = spec.externalIPs;
    if (!Array.isArray(ips) || !ips.length) return;
    ctx.report({
      messageId: 'externalIPs',
      data: { ips: ips.map(String).join(', ') },
      path: ['spec', 'externalIPs'],
      fix: { title: 'Remove externalIPs', safety: 'review', ops: [{ op: 'remove', path: ['spec', 'externalIPs'] }] },
    });
  },
});
