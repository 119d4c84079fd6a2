import { defineRule, isRecord } from '../../engine';
import { podLabels, sameNamespace, selectorMatches } from '../_lib/selectors';
import { replicasOf } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    title: 'Replicated workload has no PodDisruptionBudget',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['Deployment', 'StatefulSet', 'Rollout'],
    reads: ['PodDisruptionBudget'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without a PodDisruptionBudget a node drain or cluster upgrade may evict all replicas at once, so having several replicas does not keep the service up.',
      recipe: 'Add a PodDisruptionBudget that selects the workload\'s pods with `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
    },
    peers: {
      polaris: ['missingPodDisruptionBudget'],
      'kube-score': ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'],
    },
    messages: {
      missing: '{{kind}} {{name}}: no PodDisruptionBudget in the scanned manifests selects its pods, so voluntary disruptions may evict them all at once.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!isRecord(o.value.spec)) return;
    if (replicasOf(o) === 0) return;
    const labels = podLabels(o) ?? {};
    const covered = ctx.objectsOfKind('PodDisruptionBudget').some((p) => {
      if (!sameNamespace(p, o)) return false;
      const sel = isRecord(p.value.spec) ? p.value.spec.selector : undefined;
      // a PDB without selector selects nothing (policy/v1); an empty selector selects every pod of the namespace
      return isRecord(sel) && selectorMatches(sel, labels);
    });
    if (covered) return;
    ctx.report({ messageId: 'missing', path: ['metadata', 'name'] });
  },
});
