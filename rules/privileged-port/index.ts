import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'privileged-port',
    title: 'Container listens on a privileged port',
    category: 'code',
    goals: ['integrity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    principle: 'least privilege',
    docs: {
      summary: 'Binding a port below 1024 traditionally needs root or NET_BIND_SERVICE, so a container that listens there usually keeps a privilege it does not otherwise need.',
      recipe: 'Listen on a port of 1024 or above (e.g. 8080) and let the Service map the public port (`port: 80`, `targetPort: 8080`).',
    },
    peers: {
      'kube-linter': ['privileged-ports'],
      trivy: ['KSV-0117'],
    },
    messages: {
      port: '{{kind}} {{name}}: container "{{container}}" listens on privileged port {{port}}.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const ports = c.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        if (!isRecord(p) || typeof p.containerPort !== 'number' || p.containerPort < 1 || p.containerPort >= 1024) return;
        ctx.report({ messageId: 'port', data: { container: c.name, port: p.containerPort }, path: [...c.path, 'ports', i, 'containerPort'] });
      });
    }
  },
});
