import { defineRule } from '../../engine';
import { capabilityList, containerScPath, isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'capabilities-added',
    title: 'Container adds Linux capabilities',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Every capability in `securityContext.capabilities.add` widens what the container\'s processes may do in the kernel beyond what the runtime grants; the strictest posture adds none.',
      recipe: 'Remove `capabilities.add`; instead of `NET_BIND_SERVICE`, let the process listen on a port above 1023 and map the Service port to it.',
    },
    peers: {
      checkov: ['CKV_K8S_25'],
    },
    messages: {
      added: '{{kind}} {{name}}: container "{{container}}" adds capabilities {{capabilities}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    for (const c of ctx.containers()) {
      const add = capabilityList(c, 'add');
      if (!add?.length) continue;
      const path = containerScPath(c, 'capabilities', 'add');
      ctx.report({
        messageId: 'added', data: { container: c.name, capabilities: add.map((e) => e.value).join(', ') }, path,
        fix: { title: 'Remove capabilities.add', safety: 'review', ops: [{ op: 'remove', path }] },
      });
    }
  },
});
