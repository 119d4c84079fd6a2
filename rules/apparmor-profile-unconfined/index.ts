import { defineRule, isRecord } from '../../engine';
import { podMetadataPath } from '../_lib/container';
import { APPARMOR_ANNOTATION_PREFIX, securityContextSites, show } from '../_lib/pss';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** The legacy annotation allows empty, `runtime/default` and `localhost/<profile>`. */
function allowedAnnotation(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

export default defineRule({
  meta: {
    id: 'apparmor-profile-unconfined',
    title: 'AppArmor confinement is switched off',
    category: 'container',
    goals: ['integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: AppArmor',
    layer: 'system',
    principle: 'defense in depth',
    docs: {
      summary: 'An AppArmor profile of type Unconfined (or the legacy annotation set to `unconfined`) removes the mandatory access control that limits what a compromised process may touch on the node.',
      recipe: 'Remove the override or set `appArmorProfile.type: RuntimeDefault` (or `Localhost` with a vetted profile); for the legacy annotation use `runtime/default`.',
    },
    peers: {
      kubesec: ['ApparmorUnconfined'],
      trivy: ['KSV-0002'],
      pss: ['appArmorProfile'],
    },
    peerMessages: {
      kubesec: { ApparmorUnconfined: ['container', 'pod'] },
    },
    messages: {
      container: '{{kind}} {{name}}: container "{{container}}" sets AppArmor profile type "{{type}}", which leaves it unconfined.',
      pod: '{{kind}} {{name}}: the pod sets AppArmor profile type "{{type}}", which leaves its containers unconfined.',
      annotation: '{{kind}} {{name}}: annotation for container "{{container}}" sets AppArmor profile "{{type}}"; only runtime/default or localhost/<profile> keep it confined.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    for (const site of securityContextSites(pod, ctx.containers())) {
      const profile = site.value.appArmorProfile;
      if (!isRecord(profile)) continue;
      if (typeof profile.type === 'string' && ALLOWED_TYPES.has(profile.type)) continue;
      const path = [...site.path, 'appArmorProfile', 'type'];
      const data = { type: profile.type === undefined || profile.type === null ? '(missing)' : show(profile.type), container: site.container?.name ?? '' };
      ctx.report({
        messageId: site.container ? 'container' : 'pod',
        data,
        path,
        fix: { title: 'Set appArmorProfile.type: RuntimeDefault', safety: 'safe', ops: [{ op: 'set', path, value: 'RuntimeDefault' }] },
      });
    }
    const annotations = pod.metadata.annotations;
    if (!isRecord(annotations)) return;
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || value === null || value === undefined) continue;
      const v = show(value);
      if (allowedAnnotation(v)) continue;
      const path = [...podMetadataPath(pod), 'annotations', key];
      ctx.report({
        messageId: 'annotation',
        data: { type: v, container: key.slice(APPARMOR_ANNOTATION_PREFIX.length) },
        path,
        fix: { title: 'Use the runtime default AppArmor profile', safety: 'safe', ops: [{ op: 'set', path, value: 'runtime/default' }] },
      });
    }
  },
});
