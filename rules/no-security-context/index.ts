import { defineRule, isRecord, type ContainerRef, type FixOp, type FlowMapValue } from '../../engine';
import { isSet, isWindowsPod, legacySeccompConfined, podAnnotations, podSecurityContext, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from '../_lib/container';

const empty = (v: unknown) => !isRecord(v) || Object.keys(v).length === 0;
const nonZeroUid = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * What a container without a securityContext of its own is left with, each the finding of a narrower rule on the
 * very same place (they yield to this one): container-only fields at their defaults, and the pod-level ones the
 * pod does not set either.
 */
function gaps(c: ContainerRef): { phrases: string[]; seccomp: boolean } {
  const phrases: string[] = [];
  const uid = c.effective('runAsUser').value;
  if (c.effective('runAsNonRoot').value !== true && !nonZeroUid(uid)) phrases.push('may run as root'); // run-as-root
  if (isWindowsPod(c.pod)) return { phrases, seccomp: false };
  phrases.push('allows privilege escalation', 'keeps the default capabilities'); // privilege-escalation-allowed, capabilities-not-dropped
  // seccomp-profile-missing's verdict for a container without its own field: the legacy annotation the API server
  // would copy into the field (the container's own, else the pod's when the pod has no field), else the pod field;
  // an explicit legacy `unconfined` is seccomp-profile-unconfined's finding
  const podProfile = podSecurityContext(c.pod).seccompProfile;
  const annotations = podAnnotations(c.pod);
  const ownAnnotation = annotations[SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name];
  const legacy = isSet(ownAnnotation) ? ownAnnotation : isSet(podProfile) ? undefined : annotations[SECCOMP_POD_ANNOTATION];
  const seccomp = !(legacy === undefined && isSet(podProfile)) && !legacySeccompConfined(legacy) && legacy !== 'unconfined';
  if (seccomp) phrases.push('has no seccomp profile');
  phrases.push('has a writable root filesystem'); // writable-root-filesystem
  return { phrases, seccomp };
}

const list = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0] ?? '');

export default defineRule({
  meta: {
    id: 'no-security-context',
    title: 'No securityContext: runs on runtime defaults',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    principle: 'secure by default',
    docs: {
      summary: 'Without any securityContext a pod runs as the image\'s user (often root), with the runtime\'s default capabilities and privilege escalation allowed: nobody decided anything.',
      recipe: 'Give the pod a securityContext (`runAsNonRoot: true`, `seccompProfile.type: RuntimeDefault`) and each container one (`allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`, `readOnlyRootFilesystem: true`).',
    },
    peers: {
      checkov: ['CKV_K8S_29', 'CKV_K8S_30'],
      trivy: ['KSV-0118'],
      datree: ['CIS_MISSING_KEY_SECURITYCONTEXT'],
    },
    peerMessages: {
      checkov: { CKV_K8S_29: ['pod'], CKV_K8S_30: ['container'] },
    },
    // the default profile reports containers only, and only where a hardening setting is missing; `all` reports
    // the pod's own missing securityContext too, and every container without one
    defaultOptions: { strict: false },
    profileOptions: { all: { strict: true } },
    messages: {
      pod: '{{kind}} {{name}}: the pod has no securityContext, so it runs on runtime defaults.',
      container: '{{kind}} {{name}}: container "{{container}}" has no securityContext, so it runs on runtime defaults{{gaps}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const strict = ctx.options.strict === true;
    if (strict && empty(pod.value.securityContext)) {
      const path = [...pod.path, 'securityContext', 'seccompProfile', 'type'];
      ctx.report({
        messageId: 'pod', path: [...pod.path, 'securityContext'],
        fix: { title: 'Add securityContext.seccompProfile.type: RuntimeDefault', safety: 'review', ops: [{ op: 'set', path, value: 'RuntimeDefault' }] },
      });
    }
    for (const c of ctx.containers()) {
      if (!empty(c.value.securityContext)) continue;
      const { phrases, seccomp } = gaps(c);
      if (!phrases.length && !strict) continue;
      const at = [...c.path, 'securityContext'];
      // the safe part of the hardening, as privilege-escalation-allowed and seccomp-profile-missing fix it; what may
      // stop the workload (non-root, read-only root, dropped capabilities) stays for their findings, which show
      // once the container has a securityContext
      const value: FlowMapValue = seccomp ? { allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } } : { allowPrivilegeEscalation: false };
      const ops: FixOp[] = c.value.securityContext === undefined || isRecord(c.value.securityContext)
        ? [{ op: 'set', path: at, value }]
        : [{ op: 'set', path: [...at, 'allowPrivilegeEscalation'], value: false }];
      ctx.report({
        messageId: 'container', data: { container: c.name, gaps: phrases.length ? `: it ${list(phrases)}` : '' }, path: at,
        // Windows pods may not set allowPrivilegeEscalation or seccompProfile (the API server rejects them)
        fix: isWindowsPod(c.pod) ? undefined : {
          title: seccomp ? 'Add a securityContext with allowPrivilegeEscalation: false and the RuntimeDefault seccomp profile' : 'Add a securityContext with allowPrivilegeEscalation: false',
          safety: 'safe',
          ops,
        },
      });
    }
  },
});
