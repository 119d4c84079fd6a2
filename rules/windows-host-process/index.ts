import { defineRule, isRecord } from '../../engine';
import { securityContextSites } from '../_lib/pss';

export default defineRule({
  meta: {
    id: 'windows-host-process',
    title: 'Windows HostProcess container',
    category: 'container',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: HostProcess',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A Windows HostProcess container runs directly on the node with the host network and the node\'s file system: it is the Windows equivalent of a privileged container.',
      recipe: 'Remove `windowsOptions.hostProcess` (or set it to `false`); run node management tasks from a dedicated, separately approved namespace.',
    },
    peers: {
      polaris: ['hostProcess'],
      trivy: ['KSV-0103'],
      datree: ['EKS_INVALID_HOSTPROCESS_VALUE'],
      pss: ['windowsHostProcess'],
    },
    messages: {
      container: '{{kind}} {{name}}: container "{{container}}" runs as a Windows HostProcess container, with full access to the node.',
      pod: '{{kind}} {{name}}: the pod runs its containers as Windows HostProcess containers, with full access to the node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    for (const site of securityContextSites(pod, ctx.containers())) {
      const w = site.value.windowsOptions;
      if (!isRecord(w) || w.hostProcess !== true) continue;
      const path = [...site.path, 'windowsOptions', 'hostProcess'];
      ctx.report({
        messageId: site.container ? 'container' : 'pod', data: { container: site.container?.name ?? '' }, path,
        fix: { title: 'Set hostProcess: false', safety: 'review', ops: [{ op: 'set', path, value: false }] },
      });
    }
  },
});
