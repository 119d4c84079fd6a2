import { defineRule } from '../../engine';
import { PSS_VERSION, procMountRelaxedForUserNamespace, show, targetMinor, usesUserNamespace } from '../_lib/pss';

export default defineRule({
  meta: {
    id: 'proc-mount-unmasked-user-namespace',
    title: 'Unmasked /proc in a user-namespaced pod',
    category: 'container',
    goals: ['confidentiality', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['pss-restricted'],
    pss: 'restricted: /proc Mount Type',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'The restricted level keeps /proc masked even in a pod with its own user namespace (`hostUsers: false`), where the baseline level tolerates `procMount: Unmasked`.',
      recipe: 'Remove `procMount` or set it to `Default`; keep unmasked /proc for the few workloads (nested container runtimes) that run at the baseline level.',
    },
    peers: {
      pss: ['procMount_restricted'],
    },
    defaultOptions: { kubernetesVersion: PSS_VERSION },
    messages: {
      unmasked: '{{kind}} {{name}}: container "{{container}}" sets procMount "{{value}}"; the restricted level requires Default even with hostUsers: false.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    // Without a user namespace (or before 1.35), proc-mount-unmasked reports the same setting.
    if (!pod || !usesUserNamespace(pod) || !procMountRelaxedForUserNamespace(targetMinor(ctx.options.kubernetesVersion))) return;
    for (const c of ctx.containers()) {
      const s = c.effective('procMount');
      if (s.from === 'unset' || s.value === 'Default') continue;
      ctx.report({
        messageId: 'unmasked', data: { container: c.name, value: show(s.value) }, path: s.path,
        fix: { title: 'Set procMount: Default', safety: 'safe', ops: [{ op: 'set', path: s.path, value: 'Default' }] },
      });
    }
  },
});
