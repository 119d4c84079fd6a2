import { defineRule, isRecord, type Path } from '../../engine';

const DEFAULT = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
const ALLOWED = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';

/** Profiles that confine the container: the runtime's default, or a profile file on the node. */
const confining = (v: string) => v === 'runtime/default' || v === 'docker/default' || (v.startsWith('localhost/') && v.length > 'localhost/'.length);

export default defineRule({
  meta: {
    id: 'psp-seccomp-default',
    title: 'PodSecurityPolicy does not default pods to a seccomp profile',
    category: 'cluster',
    goals: ['integrity', 'availability'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'defense in depth',
    docs: {
      summary: 'Without the `seccomp.security.alpha.kubernetes.io/defaultProfileName` annotation set to `runtime/default` (or a localhost profile), a PodSecurityPolicy admits pods that run unconfined by seccomp, with every system call available.',
      recipe: 'Annotate the policy with `seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default`; better, set `seccompProfile: {type: RuntimeDefault}` in the pods and enforce the Pod Security Standards restricted level with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_32'],
    },
    messages: {
      missing: '{{kind}} {{name}}: no default seccomp profile annotation, so the pods it admits run unconfined unless they ask for a profile.',
      unconfined: '{{kind}} {{name}}: the default seccomp profile "{{profile}}" does not confine the pods it admits.',
    },
  },
  check(ctx) {
    const metadata = isRecord(ctx.object.value.metadata) ? ctx.object.value.metadata : {};
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    const value = annotations[DEFAULT];
    if (typeof value === 'string' && confining(value.trim())) return;
    const path: Path = ['metadata', 'annotations', DEFAULT];
    // The default must also be an allowed profile; with an allow-list present, the edit needs a person.
    const fix = ALLOWED in annotations ? {} : { fix: { title: 'Default to the runtime/default profile', safety: 'review' as const, ops: [{ op: 'set' as const, path, value: 'runtime/default' }] } };
    if (value === undefined) ctx.report({ messageId: 'missing', path, ...fix });
    else ctx.report({ messageId: 'unconfined', data: { profile: String(value) }, path, ...fix });
  },
});
