import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'ingress-wildcard-host',
    title: 'Ingress rule matches any host',
    category: 'code',
    goals: ['confidentiality', 'availability'],
    severity: 'info',
    appliesTo: ['Ingress'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A rule with no host, or a bare `*`, receives requests for every name that resolves to the ingress controller, so the backend answers for hosts it was never meant to serve and can shadow other teams\' Ingresses.',
      recipe: 'Set `host` on every rule to the exact name the backend serves (a `*.example.com` wildcard only when you own every subdomain).',
    },
    peers: {
      datree: ['INGRESS_INCORRECT_HOST_VALUE_PERMISSIVE'],
    },
    messages: {
      emptyHost: '{{kind}} {{name}}: rule {{rule}} has no host, so it receives requests for every host name.',
      wildcardHost: '{{kind}} {{name}}: rule {{rule}} uses host "{{host}}", which matches every host name.',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((r, i) => {
      if (!isRecord(r)) return;
      if (r.host === undefined || r.host === null || r.host === '') ctx.report({ messageId: 'emptyHost', data: { rule: i + 1 }, path: ['spec', 'rules', i] });
      else if (r.host === '*') ctx.report({ messageId: 'wildcardHost', data: { rule: i + 1, host: '*' }, path: ['spec', 'rules', i, 'host'] });
    });
  },
});
