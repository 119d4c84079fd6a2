import { defineRule, isRecord } from '../../engine';
import { otherRestrictingPsp, otherRestrictsMessage, pspSpec } from '../_lib/psp';

/** Whether the policy's runAsUser strategy lets a container run as UID 0. */
function admitsRoot(spec: Record<string, unknown>): boolean {
  const u = spec.runAsUser;
  if (!isRecord(u) || u.rule === undefined) return true;
  if (u.rule === 'MustRunAsNonRoot') return false;
  if (u.rule !== 'MustRunAs' || !Array.isArray(u.ranges) || !u.ranges.length) return true;
  return u.ranges.some((r) => !isRecord(r) || typeof r.min !== 'number' || r.min < 1);
}

export default defineRule({
  meta: {
    id: 'psp-root-allowed',
    title: 'PodSecurityPolicy admits containers running as root',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
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
      otherRestricts: otherRestrictsMessage('it admits containers running as root'),
    },
    // Kubescape fails a policy only when no policy of the scan keeps root out
    peerMessages: { kubescape: { 'C-0218': ['rule', 'missing', 'rootRange', 'noRanges'] } },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    const runAsUser = spec.runAsUser;
    const base = ['spec', 'runAsUser'];
    if (admitsRoot(spec)) {
      const other = otherRestrictingPsp(ctx, admitsRoot);
      if (other) {
        ctx.report({ messageId: 'otherRestricts', data: { other }, path: [...base, 'rule'], severity: 'info' });
        return;
      }
    }
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
