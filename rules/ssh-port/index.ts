import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'ssh-port',
    title: 'SSH port 22 is exposed',
    category: 'container',
    goals: ['possession', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec', 'Service'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'An SSH server in a container is a second, long-lived way in, with its own keys and passwords to leak; `kubectl exec` already gives audited access when it is really needed.',
      recipe: 'Remove the SSH server and port 22 from the image and manifests; use `kubectl exec` or `kubectl debug` for interactive access.',
    },
    peers: {
      'kube-linter': ['ssh-port'],
      kubescape: ['C-0042'],
    },
    messages: {
      container: '{{kind}} {{name}}: container "{{container}}" exposes port 22 (SSH).',
      service: '{{kind}} {{name}}: port {{port}} forwards to port 22, the SSH port.',
      servicePort: '{{kind}} {{name}}: listens on port 22, the SSH port.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const ports = c.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        if (!isRecord(p) || p.containerPort !== 22 || (p.protocol !== undefined && p.protocol !== 'TCP')) return;
        ctx.report({ messageId: 'container', data: { container: c.name }, path: [...c.path, 'ports', i, 'containerPort'] });
      });
    }
    if (ctx.object.kind !== 'Service') return;
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    ports.forEach((p, i) => {
      if (!isRecord(p) || (p.protocol !== undefined && p.protocol !== 'TCP')) return;
      const target = p.targetPort ?? p.port;
      if (target === 22) ctx.report({ messageId: 'service', data: { port: String(p.port) }, path: ['spec', 'ports', i, p.targetPort !== undefined ? 'targetPort' : 'port'] });
      else if (p.port === 22) ctx.report({ messageId: 'servicePort', path: ['spec', 'ports', i, 'port'] });
    });
  },
});
