import { defineRule, isRecord, type AbsorbingReport, type ContainerRef, type Fix, type FixOp, type FlowMapValue, type Path } from '../../engine';
import { isSet, isWindowsPod, legacySeccompConfined, podAnnotations, podSecurityContext, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from '../_lib/container';

const empty = (v: unknown) => !isRecord(v) || Object.keys(v).length === 0;
const nonZeroUid = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** A gap of a bare container: the narrower rule whose finding it stands for (it yields to this one), and its words. */
interface Gap { rule: string; phrase: string }

/**
 * What a container without a securityContext of its own is left with, each the finding of a narrower rule on the
 * very same place (they yield to this one): container-only fields at their defaults, and the pod-level ones the
 * pod does not set either.
 */
function gaps(c: ContainerRef): Gap[] {
  const out: Gap[] = [];
  const uid = c.effective('runAsUser').value;
  if (c.effective('runAsNonRoot').value !== true && !nonZeroUid(uid)) out.push({ rule: 'run-as-root', phrase: 'may run as root' });
  if (isWindowsPod(c.pod)) return out;
  out.push({ rule: 'privilege-escalation-allowed', phrase: 'allows privilege escalation' }, { rule: 'capabilities-not-dropped', phrase: 'keeps the default capabilities' });
  // seccomp-profile-missing's verdict for a container without its own field: the legacy annotation the API server
  // would copy into the field (the container's own, else the pod's when the pod has no field), else the pod field;
  // an explicit legacy `unconfined` is seccomp-profile-unconfined's finding
  const podProfile = podSecurityContext(c.pod).seccompProfile;
  const annotations = podAnnotations(c.pod);
  const ownAnnotation = annotations[SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name];
  const legacy = isSet(ownAnnotation) ? ownAnnotation : isSet(podProfile) ? undefined : annotations[SECCOMP_POD_ANNOTATION];
  const seccomp = !(legacy === undefined && isSet(podProfile)) && !legacySeccompConfined(legacy) && legacy !== 'unconfined';
  if (seccomp) out.push({ rule: 'seccomp-profile-missing', phrase: 'has no seccomp profile' });
  out.push({ rule: 'writable-root-filesystem', phrase: 'has a writable root filesystem' });
  return out;
}

/**
 * The safe part of the hardening, as privilege-escalation-allowed and seccomp-profile-missing fix it, for the gaps
 * still reported; what may stop the workload (non-root, read-only root, dropped capabilities) stays for their
 * findings, which show once the container has a securityContext. Windows pods may not set allowPrivilegeEscalation
 * or seccompProfile (the API server rejects them).
 */
function hardening(c: ContainerRef, at: Path, kept: ReadonlyArray<Gap>): Fix | undefined {
  const escalation = kept.some((g) => g.rule === 'privilege-escalation-allowed');
  const seccomp = kept.some((g) => g.rule === 'seccomp-profile-missing');
  if (isWindowsPod(c.pod) || (!escalation && !seccomp)) return undefined;
  const value: Record<string, FlowMapValue[string]> = {};
  if (escalation) value.allowPrivilegeEscalation = false;
  if (seccomp) value.seccompProfile = { type: 'RuntimeDefault' };
  // a securityContext that is there but not a map (null): its keys are set one by one
  const ops: FixOp[] = c.value.securityContext === undefined || isRecord(c.value.securityContext)
    ? [{ op: 'set', path: at, value }]
    : escalation ? [{ op: 'set', path: [...at, 'allowPrivilegeEscalation'], value: false }] : [{ op: 'set', path: [...at, 'seccompProfile', 'type'], value: 'RuntimeDefault' }];
  const title = escalation && seccomp ? 'Add a securityContext with allowPrivilegeEscalation: false and the RuntimeDefault seccomp profile'
    : escalation ? 'Add a securityContext with allowPrivilegeEscalation: false' : 'Add a securityContext with the RuntimeDefault seccomp profile';
  return { title, safety: 'safe', ops };
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
      const all = gaps(c);
      const at = [...c.path, 'securityContext'];
      // the finding for the gaps still reported: a narrower rule suppressed on this place (which would have
      // reported there) takes its gap, and its part of the fix, out of this finding
      const report = (kept: ReadonlyArray<Gap>): AbsorbingReport | undefined => (!kept.length && !strict ? undefined : {
        messageId: 'container',
        data: { container: c.name, gaps: kept.length ? `: it ${list(kept.map((g) => g.phrase))}` : '' },
        fix: hardening(c, at, kept),
      });
      const first = report(all);
      if (!first) continue;
      ctx.report({ ...first, path: at, absorbs: all.map((g) => g.rule), without: (off) => report(all.filter((g) => !off.has(g.rule))) });
    }
  },
});
