import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'host-port',
    title: 'Container binds a port on the node (hostPort)',
    category: 'cluster',
    goals: ['confidentiality', 'availability'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Host Ports',
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A hostPort opens the port on the node\'s own address, around Services and often around NetworkPolicy, and allows only one such pod per node.',
      recipe: 'Remove `hostPort` and expose the port through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
    },
    peers: {
      polaris: ['hostPortSet'],
      checkov: ['CKV_K8S_26'],
      kubescape: ['C-0044'],
      trivy: ['KSV-0024'],
      datree: ['CONTAINERS_INCORRECT_KEY_HOSTPORT'],
      pss: ['hostPorts'],
    },
    messages: {
      hostPort: '{{kind}} {{name}}: container "{{container}}" binds host port {{hostPort}} on the node.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const ports = c.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        // 0 is the API default and means "no host port"
        if (!isRecord(p) || p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) return;
        const path = [...c.path, 'ports', i, 'hostPort'];
        ctx.report({
          messageId: 'hostPort',
          data: { container: c.name, hostPort: String(p.hostPort) },
          path,
          fix: { title: 'Remove hostPort', safety: 'review', ops: [{ op: 'remove', path }] },
        });
      });
    }
  },
});
