import { defineRule, isRecord, type Fix, type Path } from '../../engine';
import { containerScPath, isConfinedSeccompType, isSet, isWindowsPod, legacySeccompConfined, podAnnotations, podScPath, podSecurityContext, seccompType, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'seccomp-profile-missing',
    title: 'Container runs without a seccomp profile',
    category: 'container',
    goals: ['integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-restricted'],
    // a container without any securityContext gets one finding naming every gap: no-security-context's
    yieldsTo: ['no-security-context'],
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
    const setPodType = setType(podScPath(pod, 'seccompProfile', 'type'), podProfile, 'pod');
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
        ctx.report({ messageId: 'missing', data, path: isSet(t) ? path : containerScPath(c, 'seccompProfile'), fix: setType(path, own, 'container') });
      } else {
        // Legacy annotations: the API server copies one into the field it stands for when it creates the pod,
        // the container's own before the pod's field, the pod's only when the pod has no field.
        const annotations = podAnnotations(pod);
        const ownAnnotation = annotations[SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name];
        const legacy = isSet(ownAnnotation) ? ownAnnotation : isSet(podProfile) ? undefined : annotations[SECCOMP_POD_ANNOTATION];
        if (legacy === undefined && isSet(podProfile)) continue; // the pod-level profile decides; a bad one is reported once, above
        if (legacySeccompConfined(legacy)) continue;
        // a legacy `unconfined` annotation is an explicit choice, reported by seccomp-profile-unconfined
        if (legacy === 'unconfined') continue;
        // the container's own annotation outranks the pod field, so only the container's field overrides it
        const fix = isSet(ownAnnotation) ? setType(containerScPath(c, 'seccompProfile', 'type'), undefined, 'container') : setPodType;
        ctx.report({ messageId: 'missing', data, path: containerScPath(c, 'seccompProfile'), fix });
      }
    }
  },
});

/**
 * RuntimeDefault, unless the profile already names a `localhostProfile`: that only validates with
 * type Localhost, which is clearly what was meant.
 */
function setType(path: Path, profile: unknown, where: 'pod' | 'container'): Fix {
  const value = isRecord(profile) && isSet(profile.localhostProfile) ? 'Localhost' : 'RuntimeDefault';
  return { title: `Set the ${where} seccomp profile type to ${value}`, safety: 'safe', ops: [{ op: 'set', path, value }] };
}
