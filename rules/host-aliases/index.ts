import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'host-aliases',
    title: 'Pod rewrites /etc/hosts',
    category: 'cluster',
    goals: ['integrity', 'authenticity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'single source of truth',
    docs: {
      summary: '`hostAliases` pins names to addresses in the pod\'s /etc/hosts, bypassing cluster DNS: a stale or hostile entry silently redirects traffic, and nobody looking at DNS sees it.',
      recipe: 'Publish the name in DNS (a Service, an ExternalName Service or a DNS record) and remove `hostAliases`.',
    },
    peers: {
      kubesec: ['HostAliases'],
      trivy: ['KSV-0007'],
    },
    messages: {
      hostAliases: '{{kind}} {{name}}: the pod sets hostAliases, overriding DNS through /etc/hosts.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || !Array.isArray(pod.value.hostAliases) || pod.value.hostAliases.length === 0) return;
    ctx.report({ messageId: 'hostAliases', path: [...pod.path, 'hostAliases'] });
  },
});
