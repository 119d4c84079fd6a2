import { defineRule, isRecord } from '../../engine';
import { sameNamespace, selectorMatches, workloadsIn } from '../_lib/selectors';
import { hpasTargeting, replicasOf } from '../_lib/workload';

function isZero(v: unknown): boolean {
  return v === 0 || v === '0' || v === '0%';
}

/** The percentage of a `NN%` value, else undefined. */
function percent(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'pdb-blocks-eviction',
    title: 'PodDisruptionBudget allows no disruption at all',
    category: 'core',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['PodDisruptionBudget'],
    reads: ['podSpec', 'HorizontalPodAutoscaler'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A PodDisruptionBudget that allows zero voluntary disruptions blocks every node drain: cluster upgrades and security patches stall until someone deletes the budget by hand.',
      recipe: 'Use `maxUnavailable: 1` (or a `minAvailable` strictly below the replica count), and set exactly one of the two fields.',
    },
    peers: {
      'kube-linter': ['pdb-max-unavailable', 'pdb-min-available'],
      polaris: ['pdbDisruptionsIsZero', 'pdbMinAvailableGreaterThanHPAMinReplicas'],
      'kube-score': ['poddisruptionbudget-has-policy'],
    },
    peerMessages: {
      polaris: {
        pdbDisruptionsIsZero: ['maxZero', 'minAll', 'minReplicas', 'minHpa'],
        pdbMinAvailableGreaterThanHPAMinReplicas: ['minAll', 'minHpa'],
      },
    },
    messages: {
      maxZero: '{{kind}} {{name}}: maxUnavailable {{value}} allows no voluntary disruption, so node drains block.',
      minAll: '{{kind}} {{name}}: minAvailable {{value}} allows no voluntary disruption, so node drains block.',
      minReplicas: '{{kind}} {{name}}: minAvailable {{value}} is not below the {{replicas}} replica(s) of {{target}}, so node drains block.',
      minHpa: '{{kind}} {{name}}: minAvailable {{value}} is not below minReplicas {{replicas}} of HorizontalPodAutoscaler {{hpa}} (scaling {{target}}), so node drains block once it scales down.',
      noPolicy: '{{kind}} {{name}}: sets neither minAvailable nor maxUnavailable.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : undefined;
    if (!spec) return;
    const { minAvailable: min, maxUnavailable: max } = spec;
    if (min === undefined && max === undefined) {
      ctx.report({ messageId: 'noPolicy', path: ['spec'] });
      return;
    }
    if (max !== undefined && isZero(max)) {
      ctx.report({ messageId: 'maxZero', data: { value: String(max) }, path: ['spec', 'maxUnavailable'] });
      return;
    }
    // 100% (or more, which the API rejects) keeps every pod: nothing may be evicted
    const pct = percent(min);
    if (pct !== undefined && pct >= 100) {
      ctx.report({ messageId: 'minAll', data: { value: String(min) }, path: ['spec', 'minAvailable'] });
      return;
    }
    if (typeof min !== 'number' || max !== undefined || !isRecord(spec.selector)) return;
    // minAvailable as a count: compare with the replicas (or the autoscaler's minimum) of the selected workloads
    for (const w of workloadsIn(ctx.objects)) {
      if (!sameNamespace(w.object, o) || !selectorMatches(spec.selector, w.labels)) continue;
      const hpa = hpasTargeting(w.object, ctx.objects)[0];
      const hpaMin = hpa && isRecord(hpa.value.spec) ? (typeof hpa.value.spec.minReplicas === 'number' ? hpa.value.spec.minReplicas : 1) : undefined;
      const replicas = hpaMin ?? replicasOf(w.object) ?? (w.object.kind === 'Pod' || w.object.kind === 'Job' || w.object.kind === 'CronJob' || w.object.kind === 'DaemonSet' ? undefined : 1);
      if (replicas === undefined || min < replicas) continue;
      const target = `${w.object.kind} ${w.object.name}`;
      if (hpaMin !== undefined && hpa) ctx.report({ messageId: 'minHpa', data: { value: min, replicas, hpa: hpa.name, target }, path: ['spec', 'minAvailable'] });
      else ctx.report({ messageId: 'minReplicas', data: { value: min, replicas, target }, path: ['spec', 'minAvailable'] });
      return;
    }
  },
});
