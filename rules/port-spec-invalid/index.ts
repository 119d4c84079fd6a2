import { defineRule, isRecord, type Path } from '../../engine';

/** IANA_SVC_NAME as Kubernetes validates it: 1-15 of [a-z0-9-], at least one letter, no edge or double hyphen. */
function isPortName(s: string): boolean {
  return s.length >= 1 && s.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

const isPortNumber = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

export default defineRule({
  meta: {
    id: 'port-spec-invalid',
    title: 'Container port or Service targetPort is malformed',
    category: 'code',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['podSpec', 'Service'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A port name longer than 15 characters or outside lowercase letters, digits and single hyphens, a port number outside 1-65535, a missing containerPort or a name used twice gets the manifest rejected, or leaves a Service pointing at a port no container can have.',
      recipe: 'Name ports with at most 15 lowercase letters, digits and single hyphens (at least one letter), give every container port a `containerPort` in 1-65535, and use each name once.',
    },
    peers: {
      'kube-linter': ['invalid-target-ports'],
      'kube-score': ['container-ports-check'],
    },
    messages: {
      portName: '{{kind}} {{name}}: container "{{container}}" port name "{{value}}" is not a valid port name (at most 15 lowercase letters, digits or single hyphens, with a letter).',
      portNumber: '{{kind}} {{name}}: container "{{container}}" port {{value}} is not a port number in 1-65535.',
      duplicateName: '{{kind}} {{name}}: container "{{container}}" uses port name "{{value}}" twice.',
      targetPortName: '{{kind}} {{name}}: targetPort "{{value}}" is not a valid port name, so it can match no container port.',
      targetPortNumber: '{{kind}} {{name}}: targetPort {{value}} is not a port number in 1-65535.',
    },
  },
  check(ctx) {
    if (ctx.object.kind === 'Service') {
      const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
      if (!Array.isArray(spec.ports)) return;
      spec.ports.forEach((p, i) => {
        if (!isRecord(p) || p.targetPort === undefined || p.targetPort === null) return;
        const path: Path = ['spec', 'ports', i, 'targetPort'];
        const t = p.targetPort;
        if (typeof t === 'string' && !/^\d+$/.test(t)) {
          if (!isPortName(t)) ctx.report({ messageId: 'targetPortName', data: { value: t }, path });
        } else if (!isPortNumber(typeof t === 'string' ? Number(t) : t)) {
          ctx.report({ messageId: 'targetPortNumber', data: { value: String(t) }, path });
        }
      });
      return;
    }
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers' || !Array.isArray(c.value.ports)) continue; // ephemeral containers may not declare ports
      const seen = new Set<string>();
      (c.value.ports as unknown[]).forEach((p, i) => {
        if (!isRecord(p)) return;
        const at = (k: string): Path => [...c.path, 'ports', i, k];
        if (typeof p.name === 'string') {
          if (!isPortName(p.name)) ctx.report({ messageId: 'portName', data: { container: c.name, value: p.name }, path: at('name') });
          else if (seen.has(p.name)) ctx.report({ messageId: 'duplicateName', data: { container: c.name, value: p.name }, path: at('name') });
          seen.add(p.name);
        }
        if (!isPortNumber(p.containerPort)) {
          const v = p.containerPort;
          ctx.report({ messageId: 'portNumber', data: { container: c.name, value: v === undefined || v === null ? '(unset)' : String(v) }, path: v === undefined ? [...c.path, 'ports', i] : at('containerPort') });
        }
      });
    }
  },
});
