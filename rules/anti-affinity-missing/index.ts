import { defineRule, isRecord } from '../../engine';
import { podLabels, selectorMatches } from '../_lib/selectors';
import { hpasTargeting, replicasOf } from '../_lib/workload';

export default defineRule({
  meta: {
    id: 'anti-affinity-missing',
    title: 'Replicas may all land on one node',
    category: 'core',
    goals: ['availability'],
    severity: 'info',
    appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'],
    reads: ['HorizontalPodAutoscaler'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'Without pod anti-affinity or topology spread constraints the scheduler may put every replica on the same node or zone, so one failure takes them all down.',
      recipe: 'Add `topologySpreadConstraints` on `kubernetes.io/hostname` (and `topology.kubernetes.io/zone`) with a `labelSelector` matching the pod labels, or a preferred pod anti-affinity.',
    },
    peers: {
      'kube-linter': ['no-anti-affinity'],
      polaris: ['topologySpreadConstraint'],
      'kube-score': ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'],
    },
    messages: {
      missing: '{{kind}} {{name}}: replicas ({{replicas}}) without pod anti-affinity or topology spread constraints that select them.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!isRecord(o.value.spec)) return;
    const hpa = hpasTargeting(o, ctx.objects).length > 0;
    // replicas left unset is judged too: it is usually set at deploy time or by an autoscaler
    const n = replicasOf(o);
    if (!hpa && n !== undefined && n < 2) return;
    if (!hpa && n === undefined && o.value.spec.replicas !== undefined) return;
    const pod = ctx.podSpec();
    if (!pod) return;
    const labels = podLabels(o) ?? {};
    const selects = (term: unknown) => isRecord(term) && isRecord(term.labelSelector) && selectorMatches(term.labelSelector, labels);
    const spread = Array.isArray(pod.value.topologySpreadConstraints) ? pod.value.topologySpreadConstraints : [];
    if (spread.some((t) => selects(t) && isRecord(t) && typeof t.topologyKey === 'string')) return;
    const anti = isRecord(pod.value.affinity) && isRecord(pod.value.affinity.podAntiAffinity) ? pod.value.affinity.podAntiAffinity : undefined;
    if (anti) {
      const req = Array.isArray(anti.requiredDuringSchedulingIgnoredDuringExecution) ? anti.requiredDuringSchedulingIgnoredDuringExecution : [];
      const pref = Array.isArray(anti.preferredDuringSchedulingIgnoredDuringExecution) ? anti.preferredDuringSchedulingIgnoredDuringExecution : [];
      if (req.some(selects) || pref.some((p) => isRecord(p) && selects(p.podAffinityTerm))) return;
    }
    ctx.report({ messageId: 'missing', data: { replicas: hpa ? 'autoscaled' : n === undefined ? 'unset' : String(n) }, path: pod.path });
  },
});
