import { defineRule } from '../../engine';
import { isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'writable-root-filesystem',
    title: 'Container root filesystem is writable',
    category: 'container',
    goals: ['integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    // a container without any securityContext gets one finding naming every gap: no-security-context's
    yieldsTo: ['no-security-context'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A writable root filesystem lets an intruder replace binaries, drop tools and persist changes inside the running container.',
      recipe: 'Set `securityContext.readOnlyRootFilesystem: true` on every container and mount an `emptyDir` where the application must write (for example /tmp).',
    },
    peers: {
      'kube-linter': ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      'kube-score': ['container-security-context-readonlyrootfilesystem'],
      kubesec: ['ReadOnlyRootFilesystem'],
      checkov: ['CKV_K8S_22'],
      kubescape: ['C-0017'],
      trivy: ['KSV-0014'],
      datree: ['CONTAINERS_INCORRECT_READONLYROOTFILESYSTEM_VALUE'],
    },
    messages: {
      writable: '{{kind}} {{name}}: container "{{container}}" has a writable root filesystem (readOnlyRootFilesystem is not true).',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Windows pods may not set readOnlyRootFilesystem at all (the API server rejects it)
      if (isWindowsPod(c.pod)) continue;
      const s = c.effective('readOnlyRootFilesystem');
      if (s.value === true) continue;
      ctx.report({
        messageId: 'writable',
        data: { container: c.name },
        path: s.path,
        // review: an application that writes outside its volumes stops working
        fix: { title: 'Set readOnlyRootFilesystem: true', safety: 'review', ops: [{ op: 'set', path: s.path, value: true }] },
      });
    }
  },
});
