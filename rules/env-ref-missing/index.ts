import { defineRule, isRecord, type K8sObject, type Path } from '../../engine';
import { sameNamespace, sameScope } from '../_lib/selectors';

interface Ref { kind: 'Secret' | 'ConfigMap'; name: string; key?: string; path: Path }

function keysOf(o: K8sObject): Set<string> {
  const fields = o.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const out = new Set<string>();
  for (const f of fields) if (isRecord(o.value[f])) Object.keys(o.value[f] as Record<string, unknown>).forEach((k) => out.add(k));
  return out;
}

export default defineRule({
  meta: {
    id: 'env-ref-missing',
    title: 'Environment variable refers to a Secret or ConfigMap key that is not there',
    category: 'code',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    reads: ['Secret', 'ConfigMap'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'A container whose `env` or `envFrom` names a Secret or ConfigMap (or a key in it) that does not exist does not start: the kubelet keeps it in CreateContainerConfigError until the reference is fixed.',
      recipe: 'Fix the name or key so it matches the Secret or ConfigMap shipped with the workload, or mark the reference `optional: true` when the value may be absent.',
    },
    peers: {
      'kube-linter': ['env-value-from'],
    },
    messages: {
      missingKey: '{{kind}} {{name}}: container "{{container}}" reads key "{{key}}" of {{refKind}} "{{ref}}", which has no such key.',
      missingObject: '{{kind}} {{name}}: container "{{container}}" reads {{refKind}} "{{ref}}", which is not in the scanned manifests.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    for (const c of ctx.containers()) {
      const refs: Ref[] = [];
      const env = Array.isArray(c.value.env) ? c.value.env : [];
      env.forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.valueFrom)) return;
        for (const [field, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
          const r = e.valueFrom[field];
          if (!isRecord(r) || r.optional === true || typeof r.name !== 'string' || typeof r.key !== 'string') continue;
          refs.push({ kind, name: r.name, key: r.key, path: [...c.path, 'env', i, 'valueFrom', field, 'key'] });
        }
      });
      const envFrom = Array.isArray(c.value.envFrom) ? c.value.envFrom : [];
      envFrom.forEach((e, i) => {
        if (!isRecord(e)) return;
        for (const [field, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
          const r = e[field];
          if (!isRecord(r) || r.optional === true || typeof r.name !== 'string') continue;
          refs.push({ kind, name: r.name, path: [...c.path, 'envFrom', i, field, 'name'] });
        }
      });
      for (const ref of refs) {
        // with no object of that kind from this application in the scan, they are managed elsewhere
        const inScope = ctx.objectsOfKind(ref.kind).filter((x) => sameScope(o, x));
        if (!inScope.length) continue;
        // a folder may hold alternative versions of the same object (one per install variant): prefer this file's
        const all = inScope.filter((x) => x.name === ref.name && sameNamespace(o, x));
        const own = all.filter((x) => x.file === o.file);
        const candidates = own.length ? own : all;
        const target = candidates[0];
        if (!target) {
          // Secrets are often created at run time (init jobs, secret managers, controllers): only a missing key is judged
          if (ref.kind === 'Secret') continue;
          ctx.report({ messageId: 'missingObject', data: { container: c.name, refKind: ref.kind, ref: ref.name }, path: ref.key === undefined ? ref.path : [...ref.path.slice(0, -1), 'name'] });
        } else if (ref.key !== undefined && candidates.every((t) => keysOf(t).size && !keysOf(t).has(ref.key as string))) {
          ctx.report({ messageId: 'missingKey', data: { container: c.name, refKind: ref.kind, ref: ref.name, key: ref.key }, path: ref.path });
        }
      }
    }
  },
});
