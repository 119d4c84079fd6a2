import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'sudo-in-command',
    title: 'Container command uses sudo',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'A container that calls `sudo` ships a setuid binary and a sudoers policy that lets its user become root: anyone who gets code execution in it can too, and `runAsNonRoot` then protects nothing.',
      recipe: 'Do the privileged step at image build time (or in an init container with exactly the capability it needs) and drop `sudo` from the image and the command.',
    },
    peers: {
      kubescape: ['C-0062'],
    },
    messages: {
      sudo: '{{kind}} {{name}}: container "{{container}}" runs sudo in its {{field}}, so its user can become root.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      for (const field of ['command', 'args'] as const) {
        const v = c.value[field];
        if (!Array.isArray(v)) continue;
        const i = v.findIndex((x) => typeof x === 'string' && /(^|[\s;&|(`/]|\$\()sudo(\s|$)/.test(x));
        if (i >= 0) ctx.report({ messageId: 'sudo', data: { container: c.name, field }, path: [...c.path, field, i] });
      }
    }
  },
});
