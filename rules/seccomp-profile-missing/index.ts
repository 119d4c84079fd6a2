import { defineRule } from '../../engine';
import { containerScPath, isConfinedSeccompType, isSet, isWindowsPod, legacySeccompAnnotation, podScPath, podSecurityContext, seccompType } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'seccomp-profile-missing',
    title: 'Container runs without a seccomp profile',
    category: 'container',
    goals: ['integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-restricted'],
    pss: 'restricted: Seccomp',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Without a RuntimeDefault or Localhost seccomp profile the container can make every system call, including the rarely used ones behind many kernel exploits.',
      recipe: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod so every container inherits it; use `Localhost` for a custom profile.',
    },
    peers: {
      kubesec: ['SeccompAny'],
      'kube-score': ['container-seccomp-profile'],
      checkov: ['CKV_K8S_31'],
      kubescape: ['C-0210'],
      trivy: ['KSV-0030'],
      datree: ['CIS_INVALID_VALUE_SECCOMP_PROFILE'],
      pss: ['seccompProfile_restricted'],
    },
    messages: {
      missing: '{{kind}} {{name}}: container "{{container}}" has no RuntimeDefault or Localhost seccomp profile.',
      podInvalid: '{{kind}} {{name}}: the pod securityContext sets a seccomp profile whose type is neither RuntimeDefault nor Localhost.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || isWindowsPod(pod)) return;
    const podProfile = podSecurityContext(pod).seccompProfile;
    const podType = seccompType(podProfile);
    const setPodType = { title: 'Set the pod seccomp profile to RuntimeDefault', safety: 'safe' as const, ops: [{ op: 'set' as const, path: podScPath(pod, 'seccompProfile', 'type'), value: 'RuntimeDefault' }] };
    // An explicit Unconfined is seccomp-profile-unconfined's finding, never this rule's too.
    if (isSet(podProfile) && !isConfinedSeccompType(podType) && podType !== 'Unconfined') {
      ctx.report({ messageId: 'podInvalid', path: podScPath(pod, 'seccompProfile', ...(isSet(podType) ? ['type'] : [])), fix: setPodType });
    }
    for (const c of ctx.containers()) {
      const own = c.securityContext.seccompProfile;
      const data = { container: c.name };
      if (isSet(own)) {
        const t = seccompType(own);
        if (isConfinedSeccompType(t) || t === 'Unconfined') continue;
        const path = containerScPath(c, 'seccompProfile', 'type');
        ctx.report({ messageId: 'missing', data, path: isSet(t) ? path : containerScPath(c, 'seccompProfile'), fix: { title: 'Set the container seccomp profile to RuntimeDefault', safety: 'safe', ops: [{ op: 'set', path, value: 'RuntimeDefault' }] } });
      } else if (!isSet(podProfile)) {
        // a legacy `unconfined` annotation is an explicit choice, reported by seccomp-profile-unconfined
        if (legacySeccompAnnotation(c) === 'unconfined') continue;
        ctx.report({ messageId: 'missing', data, path: containerScPath(c, 'seccompProfile'), fix: setPodType });
      } // else: the pod-level profile decides; a bad one is reported once, above
    }
  },
});
