import { defineRule, isRecord, type Path } from '../../engine';

const WHEN = ['DoNotSchedule', 'ScheduleAnyway'];

export default defineRule({
  meta: {
    id: 'topology-spread-invalid',
    title: 'Topology spread constraint is malformed',
    category: 'code',
    goals: ['availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A topology spread constraint with a missing topology key, a skew below 1, an unknown `whenUnsatisfiable` or a bad `minDomains` gets the manifest rejected, and one without a label selector counts no pods and spreads nothing.',
      recipe: 'Give every constraint `maxSkew` ≥ 1, a `topologyKey`, `whenUnsatisfiable: DoNotSchedule` or `ScheduleAnyway`, and a `labelSelector` that matches the workload\'s own pods.',
    },
    peers: {
      'kube-score': ['pod-topology-spread-constraints'],
    },
    messages: {
      maxSkew: '{{kind}} {{name}}: topology spread constraint {{index}} has maxSkew {{value}}; it must be an integer of at least 1.',
      topologyKey: '{{kind}} {{name}}: topology spread constraint {{index}} has no topologyKey.',
      whenUnsatisfiable: '{{kind}} {{name}}: topology spread constraint {{index}} has whenUnsatisfiable {{value}}; use DoNotSchedule or ScheduleAnyway.',
      minDomains: '{{kind}} {{name}}: topology spread constraint {{index}} has minDomains {{value}}; it must be at least 1 and needs whenUnsatisfiable: DoNotSchedule.',
      labelSelector: '{{kind}} {{name}}: topology spread constraint {{index}} has no labelSelector, so it counts no pods and spreads nothing.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || !Array.isArray(pod.value.topologySpreadConstraints)) return;
    pod.value.topologySpreadConstraints.forEach((t, i) => {
      if (!isRecord(t)) return;
      const at = (...k: string[]): Path => [...pod.path, 'topologySpreadConstraints', i, ...k];
      const index = i + 1;
      const skew = t.maxSkew;
      if (!(typeof skew === 'number' && Number.isInteger(skew) && skew >= 1)) ctx.report({ messageId: 'maxSkew', data: { index, value: skew === undefined ? 'unset' : String(skew) }, path: skew === undefined ? at() : at('maxSkew') });
      if (typeof t.topologyKey !== 'string' || !t.topologyKey) ctx.report({ messageId: 'topologyKey', data: { index }, path: t.topologyKey === undefined ? at() : at('topologyKey') });
      const when = t.whenUnsatisfiable;
      if (typeof when !== 'string' || !WHEN.includes(when)) ctx.report({ messageId: 'whenUnsatisfiable', data: { index, value: when === undefined ? 'unset' : String(when) }, path: when === undefined ? at() : at('whenUnsatisfiable') });
      const md = t.minDomains;
      if (md !== undefined && md !== null && !(typeof md === 'number' && Number.isInteger(md) && md >= 1 && when === 'DoNotSchedule')) ctx.report({ messageId: 'minDomains', data: { index, value: String(md) }, path: at('minDomains') });
      if (!isRecord(t.labelSelector)) ctx.report({ messageId: 'labelSelector', data: { index }, path: at() });
    });
  },
});
