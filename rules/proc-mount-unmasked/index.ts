import { defineRule } from '../../engine';
import { PSS_VERSION, procMountRelaxedForUserNamespace, show, targetMinor, usesUserNamespace } from '../_lib/pss';

export default defineRule({
  meta: {
    id: 'proc-mount-unmasked',
    title: 'Container /proc is not masked',
    category: 'container',
    goals: ['confidentiality', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: /proc Mount Type',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'With `procMount: Unmasked` the runtime no longer hides or write-protects sensitive /proc and /sys paths, which exposes kernel and host information and widens container escapes.',
      recipe: 'Remove `procMount` or set it to `Default`; a pod that really needs an unmasked /proc (nested containers) must run in its own user namespace (`hostUsers: false`).',
    },
    peers: {
      'kube-linter': ['unsafe-proc-mount'],
      polaris: ['procMount'],
      trivy: ['KSV-0027'],
      pss: ['procMount'],
    },
    defaultOptions: { kubernetesVersion: PSS_VERSION },
    messages: {
      unmasked: '{{kind}} {{name}}: container "{{container}}" sets procMount "{{value}}", so /proc is not masked.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    // Since 1.35 a pod with its own user namespace may unmask /proc at the baseline level.
    if (!pod || (usesUserNamespace(pod) && procMountRelaxedForUserNamespace(targetMinor(ctx.options.kubernetesVersion)))) return;
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
