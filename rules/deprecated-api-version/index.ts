import { defineRule } from '../../engine';
import { REMOVALS, REMOVAL_TARGETS } from './table';

/** `1.22` -> [1, 22]; compares minor versions. */
function cmp(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export default defineRule({
  meta: {
    id: 'deprecated-api-version',
    title: 'apiVersion removed or deprecated for this kind',
    category: 'chain',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: REMOVAL_TARGETS,
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A manifest written against a removed API version is rejected by current clusters, so a security fix in it never ships; a deprecated one breaks at the next upgrade.',
      recipe: 'Move the object to the replacement apiVersion and adjust the fields that changed (e.g. `spec.selector` became required in apps/v1).',
    },
    peers: {
      'kube-linter': ['no-extensions-v1beta'],
      'kube-score': ['stable-version'],
      trivy: ['KSV-0107'],
      datree: ['K8S_DEPRECATED_APIVERSION_1.16', 'K8S_DEPRECATED_APIVERSION_1.17', 'K8S_DEPRECATED_APIVERSION_1.19', 'K8S_DEPRECATED_APIVERSION_1.21', 'K8S_DEPRECATED_APIVERSION_1.22', 'K8S_DEPRECATED_APIVERSION_1.23', 'K8S_DEPRECATED_APIVERSION_1.24', 'K8S_REMOVED_APIVERSION_1.22', 'K8S_REMOVED_APIVERSION_1.25', 'K8S_REMOVED_APIVERSION_1.26', 'K8S_REMOVED_APIVERSION_1.27'],
    },
    messages: {
      removed: '{{kind}} {{name}}: {{apiVersion}} was removed in Kubernetes {{removed}}; use {{replacement}}.',
      removedNoReplacement: '{{kind}} {{name}}: {{apiVersion}} was removed in Kubernetes {{removed}} with no replacement.',
      deprecated: '{{kind}} {{name}}: {{apiVersion}} is deprecated since Kubernetes {{deprecated}} and removed in {{removed}}; use {{replacement}}.',
    },
    defaultOptions: { kubernetesVersion: '1.36' },
  },
  check(ctx) {
    const { apiVersion, kind } = ctx.object;
    const target = typeof ctx.options.kubernetesVersion === 'string' && /^\d+\.\d+/.test(ctx.options.kubernetesVersion) ? ctx.options.kubernetesVersion : '1.36';
    const hit = REMOVALS.find((r) => r[0] === apiVersion && r[1].includes(kind));
    if (!hit) return;
    const [, , replacement, deprecated, removed] = hit;
    const data = { apiVersion, replacement, deprecated, removed };
    const fix = replacement ? { title: `Change apiVersion to ${replacement}`, safety: 'review' as const, ops: [{ op: 'set' as const, path: ['apiVersion'], value: replacement }] } : undefined;
    if (cmp(target, removed) >= 0) ctx.report({ messageId: replacement ? 'removed' : 'removedNoReplacement', data, path: ['apiVersion'], fix });
    else if (cmp(target, deprecated) >= 0) ctx.report({ messageId: 'deprecated', data, path: ['apiVersion'], fix });
  },
});
