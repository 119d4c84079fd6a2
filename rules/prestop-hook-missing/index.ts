import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'prestop-hook-missing',
    title: 'Long-running container has no preStop hook',
    category: 'code',
    goals: ['availability', 'integrity'],
    severity: 'info',
    appliesTo: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'],
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'When a pod is deleted, the kubelet sends SIGTERM while Services and load balancers may still route requests to it for a few seconds; without a preStop hook those requests fail, and in-flight work may be cut off.',
      recipe: 'Add `lifecycle.preStop` (for example a short sleep, or the application\'s drain command) so the pod leaves the endpoints before it stops, and keep `terminationGracePeriodSeconds` above that delay.',
    },
    peers: {
      datree: ['CONTAINERS_MISSING_PRESTOP_KEY'],
    },
    messages: {
      missing: '{{kind}} {{name}}: container "{{container}}" has no preStop hook, so requests routed to it during shutdown fail.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list !== 'containers') continue;
      const lc = c.value.lifecycle;
      if (isRecord(lc) && isRecord(lc.preStop)) continue;
      ctx.report({ messageId: 'missing', data: { container: c.name }, path: isRecord(lc) ? [...c.path, 'lifecycle'] : c.path });
    }
  },
});
