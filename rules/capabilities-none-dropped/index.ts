import { defineRule } from '../../engine';
import { capabilityList, containerScPath, isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'capabilities-none-dropped',
    title: 'Container drops no Linux capabilities',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A container with no `capabilities.drop` keeps the whole default capability set of the runtime (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW on many runtimes, …), none of which most applications use.',
      recipe: 'Add `securityContext.capabilities.drop: [ALL]` (and add back only `NET_BIND_SERVICE` if the process binds a port below 1024).',
    },
    peers: {
      trivy: ['KSV-0004'],
      kubesec: ['CapDropAny'],
    },
    messages: {
      noneDropped: '{{kind}} {{name}}: container "{{container}}" drops no capabilities.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    for (const c of ctx.containers()) {
      if (capabilityList(c, 'drop')?.length) continue;
      const path = containerScPath(c, 'capabilities', 'drop');
      ctx.report({ messageId: 'noneDropped', data: { container: c.name }, path, fix: { title: 'Drop ALL capabilities', safety: 'review', ops: [{ op: 'append', path, value: 'ALL' }] } });
    }
  },
});
