import { defineRule } from '../../engine';
import { containerScPath, isSet, podScPath, podSecurityContext } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'run-as-root',
    title: 'Container may run as root',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-restricted'],
    // a container without any securityContext gets one finding naming every gap: no-security-context's
    yieldsTo: ['no-security-context'],
    pss: 'restricted: Running as Non-root, Running as Non-root user',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A container that is not required to run as non-root runs as UID 0 whenever its image says so, and root in a container is one kernel bug away from root on the node.',
      recipe: 'Set `securityContext.runAsNonRoot: true` on the pod (or on every container) and never set `runAsUser: 0`; build the image with a non-root `USER`.',
    },
    peers: {
      'kube-linter': ['run-as-non-root'],
      polaris: ['runAsRootAllowed'],
      kubesec: ['RunAsNonRoot'],
      checkov: ['CKV_K8S_23'],
      kubescape: ['C-0013'],
      trivy: ['KSV-0012', 'KSV-0105'],
      datree: ['CONTAINERS_INCORRECT_RUNASNONROOT_VALUE'],
      pss: ['runAsNonRoot', 'runAsUser'],
    },
    defaultOptions: { requireRunAsNonRoot: false },
    // the restricted Pod Security level requires runAsNonRoot: true whatever the UID
    profileOptions: { 'pss-restricted': { requireRunAsNonRoot: true } },
    messages: {
      mayRunAsRoot: '{{kind}} {{name}}: container "{{container}}" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser applies to it.',
      runAsNonRoot: '{{kind}} {{name}}: container "{{container}}" is not required to run as non-root (runAsNonRoot is not true).',
      podRunAsNonRootFalse: '{{kind}} {{name}}: the pod securityContext sets runAsNonRoot to false; Pod Security rejects it even where containers override it.',
      runAsUserRoot: '{{kind}} {{name}}: container "{{container}}" sets runAsUser: 0 and runs as root.',
      podRunAsUserRoot: '{{kind}} {{name}}: the pod securityContext sets runAsUser: 0, so containers without their own runAsUser run as root.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const podSc = podSecurityContext(pod);
    const review = 'review' as const; // an image that needs root stops starting
    const podNonRoot = podSc.runAsNonRoot;
    const strict = ctx.options.requireRunAsNonRoot === true;
    // outside the restricted profile a non-zero UID (the container's, else the pod's) cannot be root
    const nonZeroUid = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
    if (!strict) {
      for (const c of ctx.containers()) {
        const data = { container: c.name };
        const uid = c.effective('runAsUser').value;
        // an explicit UID 0 is reported as such below (container or pod), not twice
        if (c.effective('runAsNonRoot').value !== true && !nonZeroUid(uid) && uid !== 0) {
          // the pod-level setting covers every container that does not override it; a container's own false is fixed there
          const own = isSet(c.securityContext.runAsNonRoot);
          const path = own ? containerScPath(c, 'runAsNonRoot') : podScPath(pod, 'runAsNonRoot');
          const at = own || isSet(podNonRoot) ? path : containerScPath(c, 'runAsNonRoot');
          ctx.report({ messageId: 'mayRunAsRoot', data, path: at, fix: { title: `Set runAsNonRoot: true on the ${own ? 'container' : 'pod'}`, safety: review, ops: [{ op: 'set', path, value: true }] } });
        }
        if (c.securityContext.runAsUser === 0) ctx.report({ messageId: 'runAsUserRoot', data, path: containerScPath(c, 'runAsUser') });
      }
      if (podSc.runAsUser === 0) ctx.report({ messageId: 'podRunAsUserRoot', path: podScPath(pod, 'runAsUser') });
      return;
    }
    if (isSet(podNonRoot) && podNonRoot !== true) {
      const path = podScPath(pod, 'runAsNonRoot');
      ctx.report({ messageId: 'podRunAsNonRootFalse', path, fix: { title: 'Set runAsNonRoot: true on the pod', safety: review, ops: [{ op: 'set', path, value: true }] } });
    }
    if (podSc.runAsUser === 0) ctx.report({ messageId: 'podRunAsUserRoot', path: podScPath(pod, 'runAsUser') });

    for (const c of ctx.containers()) {
      const data = { container: c.name };
      const own = c.securityContext.runAsNonRoot;
      if (isSet(own)) {
        if (own !== true) {
          const path = containerScPath(c, 'runAsNonRoot');
          ctx.report({ messageId: 'runAsNonRoot', data, path, fix: { title: 'Set runAsNonRoot: true on the container', safety: review, ops: [{ op: 'set', path, value: true }] } });
        }
      } else if (!isSet(podNonRoot)) {
        // nothing forces non-root: one pod-level setting covers every container that does not override it
        const path = podScPath(pod, 'runAsNonRoot');
        ctx.report({ messageId: 'runAsNonRoot', data, path: containerScPath(c, 'runAsNonRoot'), fix: { title: 'Set runAsNonRoot: true on the pod', safety: review, ops: [{ op: 'set', path, value: true }] } });
      } // else: the pod's own non-true value is reported once, above
      if (c.securityContext.runAsUser === 0) ctx.report({ messageId: 'runAsUserRoot', data, path: containerScPath(c, 'runAsUser') });
    }
  },
});
