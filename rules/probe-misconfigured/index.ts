import { defineRule, isRecord } from '../../engine';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isRecord(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** The handler part of a probe (what it checks), without the timings. */
function handler(p: Record<string, unknown>): string {
  return stable({ httpGet: p.httpGet, tcpSocket: p.tcpSocket, exec: p.exec, grpc: p.grpc });
}

export default defineRule({
  meta: {
    id: 'probe-misconfigured',
    title: 'Probe checks a port the container does not declare, or liveness equals readiness',
    category: 'core',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'A probe that names a port the container does not declare always fails, so the pod never becomes ready or is restarted forever; a liveness probe identical to the readiness probe restarts pods that are merely busy, turning a slowdown into an outage.',
      recipe: 'Point probes at a declared `containerPort` (by number or by its name), and give liveness a cheaper check or a higher `failureThreshold` than readiness.',
    },
    peers: {
      'kube-linter': ['liveness-port', 'readiness-port', 'startup-port'],
      'kube-score': ['pod-probes-identical'],
    },
    peerMessages: {
      'kube-linter': { 'liveness-port': ['unknownPort'], 'readiness-port': ['unknownPort'], 'startup-port': ['unknownPort'] },
      'kube-score': { 'pod-probes-identical': ['identical'] },
    },
    messages: {
      unknownPort: '{{kind}} {{name}}: container "{{container}}" {{probe}} uses port "{{port}}", which the container does not declare.',
      identical: '{{kind}} {{name}}: container "{{container}}" has identical liveness and readiness probes, so a busy pod is restarted instead of taken out of rotation.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const ports = Array.isArray(c.value.ports) ? c.value.ports.filter(isRecord) : [];
      const names = new Set(ports.map((p) => p.name).filter((n): n is string => typeof n === 'string'));
      for (const probe of PROBES) {
        const p = c.value[probe];
        if (!isRecord(p)) continue;
        for (const kind of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const h = p[kind];
          if (!isRecord(h)) continue;
          // a named port must be declared; numbers need not be (a port can listen without being declared)
          if (typeof h.port === 'string' && !/^\d+$/.test(h.port) && !names.has(h.port)) {
            ctx.report({ messageId: 'unknownPort', data: { container: c.name, probe, port: h.port }, path: [...c.path, probe, kind, 'port'] });
          }
        }
      }
      const live = c.value.livenessProbe;
      const ready = c.value.readinessProbe;
      if (isRecord(live) && isRecord(ready) && handler(live) === handler(ready) && stable(live) === stable(ready)) {
        ctx.report({ messageId: 'identical', data: { container: c.name }, path: [...c.path, 'livenessProbe'] });
      }
    }
  },
});
