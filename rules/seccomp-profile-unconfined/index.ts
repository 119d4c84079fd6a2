import { defineRule } from '../../engine';
import { SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION, containerScPath, podAnnotations, podMetadataPath, podScPath, podSecurityContext, seccompType } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'seccomp-profile-unconfined',
    title: 'Seccomp is explicitly turned off',
    category: 'container',
    goals: ['integrity', 'possession'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Seccomp',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A seccomp profile of type Unconfined switches off system-call filtering, even on clusters that apply RuntimeDefault to every pod by default.',
      recipe: 'Set `seccompProfile.type: RuntimeDefault` (or a Localhost profile that allows the extra calls the workload needs) instead of Unconfined.',
    },
    peers: {
      kubesec: ['SeccompUnconfined'],
      trivy: ['KSV-0104'],
      datree: ['CONTAINERS_INCORRECT_SECCOMP_PROFILE'],
      pss: ['seccompProfile_baseline'],
    },
    messages: {
      unconfined: '{{kind}} {{name}}: container "{{container}}" sets seccomp profile type Unconfined.',
      podUnconfined: '{{kind}} {{name}}: the pod securityContext sets seccomp profile type Unconfined.',
      annotation: '{{kind}} {{name}}: the legacy annotation {{annotation}} turns seccomp off for {{target}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const fixTo = (path: ReadonlyArray<string | number>, value: string) => ({ title: `Set ${value} instead of unconfined`, safety: 'safe' as const, ops: [{ op: 'set' as const, path, value }] });
    if (seccompType(podSecurityContext(pod).seccompProfile) === 'Unconfined') {
      const path = podScPath(pod, 'seccompProfile', 'type');
      ctx.report({ messageId: 'podUnconfined', path, fix: fixTo(path, 'RuntimeDefault') });
    }
    for (const c of ctx.containers()) {
      if (seccompType(c.securityContext.seccompProfile) !== 'Unconfined') continue;
      const path = containerScPath(c, 'seccompProfile', 'type');
      ctx.report({ messageId: 'unconfined', data: { container: c.name }, path, fix: fixTo(path, 'RuntimeDefault') });
    }
    // Pre-1.19 annotations: the API server still copies them into the field of a new pod that has none.
    for (const [key, value] of Object.entries(podAnnotations(pod))) {
      if (value !== 'unconfined') continue;
      const target = key === SECCOMP_POD_ANNOTATION ? 'the whole pod'
        : key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX) ? `container "${key.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length)}"` : undefined;
      if (!target) continue;
      const path = [...podMetadataPath(pod), 'annotations', key];
      ctx.report({ messageId: 'annotation', data: { annotation: key, target }, path, fix: fixTo(path, 'runtime/default') });
    }
  },
});
