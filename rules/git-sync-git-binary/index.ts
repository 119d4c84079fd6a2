import { defineRule, isRecord, type FixOp } from '../../engine';
import { imageName } from '../_lib/addons';

/** The environment variables git-sync v4 and v3 read the git executable from. */
const GIT_ENV = ['GITSYNC_GIT', 'GIT_SYNC_GIT'];

export default defineRule({
  meta: {
    id: 'git-sync-git-binary',
    title: 'git-sync runs a git executable chosen by configuration',
    category: 'components',
    goals: ['integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    principle: 'least privilege',
    docs: {
      summary: 'git-sync executes whatever program `GITSYNC_GIT` (v3: `GIT_SYNC_GIT`) or `--git` names; whoever can set that value — often through chart values of tools that embed git-sync — can run any binary in the sidecar, with its access to the repository credentials and the shared volume.',
      recipe: 'Remove `GITSYNC_GIT`/`GIT_SYNC_GIT` and `--git`, so git-sync runs the git shipped in its image; build a custom image if another git is really needed.',
    },
    peers: {
      checkov: ['CKV_K8S_159'],
    },
    messages: {
      env: '{{kind}} {{name}}: container "{{container}}" sets {{variable}}, so git-sync runs the program it names instead of its own git.',
      flag: '{{kind}} {{name}}: git-sync container "{{container}}" passes --git, so it runs the program it names instead of its own git.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = Array.isArray(c.value.env) ? c.value.env : [];
      env.forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string' || !GIT_ENV.includes(e.name)) return;
        const path = [...c.path, 'env', i];
        ctx.report({
          messageId: 'env', data: { container: c.name, variable: e.name }, path: [...path, 'name'],
          fix: { title: `Remove ${e.name}`, safety: 'review', ops: [{ op: 'remove', path }] },
        });
      });
      // `--git` is git-sync's flag; on other programs it means something else.
      if (imageName(c.value.image) !== 'git-sync') continue;
      for (const field of ['command', 'args'] as const) {
        const list = c.value[field];
        if (!Array.isArray(list)) continue;
        list.forEach((a, i) => {
          if (typeof a !== 'string') return;
          const split = a === '--git' || a === '-git';
          if (!split && !a.startsWith('--git=') && !a.startsWith('-git=')) return;
          const path = [...c.path, field, i];
          // `--git /path` spans two items: the fix takes both out; a bare `--git` at the end takes only itself
          const ops: FixOp[] = split && typeof list[i + 1] === 'string' && !String(list[i + 1]).startsWith('-')
            ? [{ op: 'remove', path }, { op: 'remove', path: [...c.path, field, i + 1] }]
            : [{ op: 'remove', path }];
          ctx.report({ messageId: 'flag', data: { container: c.name }, path, fix: { title: 'Remove --git', safety: 'review', ops } });
        });
      }
    }
  },
});
