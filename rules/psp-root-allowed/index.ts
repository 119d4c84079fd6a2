import { defineRule, isRecord } from '../../engine';
import { pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-root-allowed',
    title: 'PodSecurityPolicy admits containers running as root',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy admits root containers unless its `runAsUser` rule is `MustRunAsNonRoot`, or `MustRunAs` with ranges that all start above UID 0.',
      recipe: 'Set `runAsUser: {rule: MustRunAsNonRoot}` (or `MustRunAs` with ranges whose `min` is at least 1); better, enforce the Pod Security Standards restricted level with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_6'],
      kubescape: ['C-0218'],
    },
    messages: {
      rule: '{{kind}} {{name}}: the runAsUser rule {{rule}} admits containers running as root (UID 0).',
      missing: '{{kind}} {{name}}: no runAsUser rule requires a non-root user, so root containers are admitted.',
      rootRange: '{{kind}} {{name}}: the MustRunAs range starting at UID 0 admits containers running as root.',
      noRanges: '{{kind}} {{name}}: the MustRunAs rule lists no UID ranges, so it does not keep root out.',
    },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    const runAsUser = spec.runAsUser;
    const base = ['spec', 'runAsUser'];
    if (!isRecord(runAsUser) || runAsUser.rule === undefined) {
      ctx.report({ messageId: 'missing', path: [...base, 'rule'] });
      return;
    }
    const rule = runAsUser.rule;
    if (rule === 'MustRunAsNonRoot') return;
    if (rule === 'MustRunAs') {
      const ranges = Array.isArray(runAsUser.ranges) ? runAsUser.ranges : [];
      if (!ranges.length) {
        ctx.report({ messageId: 'noRanges', path: [...base, 'ranges'] });
        return;
      }
      ranges.forEach((r, i) => {
        // A range admits UID 0 when its minimum is 0 (or not a number the API server would accept).
        const min = isRecord(r) ? r.min : undefined;
        if (typeof min === 'number' && min >= 1) return;
        ctx.report({ messageId: 'rootRange', path: [...base, 'ranges', i, ...(isRecord(r) && 'min' in r ? ['min'] : [])] });
      });
      return;
    }
    const path = [...base, 'rule'];
    // With ranges left over, a changed rule would leave them dangling; that edit needs a person.
    ctx.report({
      messageId: 'rule', data: { rule: String(rule) }, path,
      ...(runAsUser.ranges === undefined ? { fix: { title: 'Set the runAsUser rule to MustRunAsNonRoot', safety: 'review', ops: [{ op: 'set', path, value: 'MustRunAsNonRoot' }] } } : {}),
    });
  },
});
