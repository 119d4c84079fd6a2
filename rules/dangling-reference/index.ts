import { defineRule, isRecord, type K8sObject, type Path } from '../../engine';
import { isEmptySelector, mapSelectorMatches, sameNamespace, sameScope, selectorMatches, withoutRuntimeLabels, workloadsIn } from '../_lib/selectors';

interface Backend { name: string; path: Path }

/** Service backends of an Ingress (networking.k8s.io/v1 and the older serviceName form), and v1 backends written the old way. */
function backendsOf(ing: K8sObject): { backends: Backend[]; legacy: Path[] } {
  const spec = isRecord(ing.value.spec) ? ing.value.spec : {};
  const v1 = ing.apiVersion === 'networking.k8s.io/v1';
  const backends: Backend[] = [];
  const legacy: Path[] = [];
  const visit = (b: unknown, path: Path) => {
    if (!isRecord(b)) return;
    if (isRecord(b.service) && typeof b.service.name === 'string') backends.push({ name: b.service.name, path: [...path, 'service', 'name'] });
    else if (typeof b.serviceName === 'string') {
      if (v1) legacy.push([...path, 'serviceName']);
      else backends.push({ name: b.serviceName, path: [...path, 'serviceName'] });
    }
  };
  visit(spec.defaultBackend, ['spec', 'defaultBackend']);
  visit(spec.backend, ['spec', 'backend']);
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((r, i) => {
    if (!isRecord(r) || !isRecord(r.http) || !Array.isArray(r.http.paths)) return;
    r.http.paths.forEach((p, j) => { if (isRecord(p)) visit(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']); });
  });
  return { backends, legacy };
}

export default defineRule({
  meta: {
    id: 'dangling-reference',
    title: 'Service, Ingress, HPA or PDB points at nothing in the manifests',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'warning',
    appliesTo: ['Service', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'],
    reads: ['podSpec', 'Service'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A Service whose selector matches no pods, an Ingress whose backend Service does not exist, an autoscaler whose target does not exist or a disruption budget that selects no pods does nothing, and the workload it was written for runs without it.',
      recipe: 'Make the reference match: copy the pod template labels into the selector, or the target\'s exact name (and kind) into the reference.',
    },
    peers: {
      'kube-linter': ['dangling-service', 'dangling-ingress', 'dangling-horizontalpodautoscaler'],
      'kube-score': ['service-targets-pod', 'ingress-targets-service', 'horizontalpodautoscaler-has-target'],
      kubescape: ['C-0293', 'C-0298', 'C-0300'],
    },
    messages: {
      service: '{{kind}} {{name}}: its selector matches the pods of no workload in the scanned manifests, so it has no endpoints.',
      ingress: '{{kind}} {{name}}: backend Service "{{service}}" is not in the scanned manifests.',
      legacyBackend: '{{kind}} {{name}}: networking.k8s.io/v1 has no serviceName field; write the backend as service.name and service.port.',
      hpa: '{{kind}} {{name}}: scale target {{target}} is not in the scanned manifests.',
      pdb: '{{kind}} {{name}}: its selector matches the pods of no workload in the scanned manifests, so it protects nothing.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    if (o.kind === 'Ingress') {
      const { backends, legacy } = backendsOf(o);
      for (const path of legacy) ctx.report({ messageId: 'legacyBackend', path });
      const services = ctx.objects.filter((x) => x.kind === 'Service' && sameScope(o, x));
      if (!services.length) return; // no Service in the scan: they live elsewhere
      for (const b of backends) {
        if (!services.some((s) => s.name === b.name && sameNamespace(s, o))) ctx.report({ messageId: 'ingress', data: { service: b.name }, path: b.path });
      }
      return;
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = spec.scaleTargetRef;
      if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
      const sameKind = ctx.objects.filter((x) => x.kind === ref.kind && sameScope(o, x));
      if (!sameKind.length) return; // the scan holds no object of the target's kind: nothing to judge
      if (!sameKind.some((x) => x.name === ref.name && sameNamespace(x, o))) {
        ctx.report({ messageId: 'hpa', data: { target: `${ref.kind} "${ref.name}"` }, path: ['spec', 'scaleTargetRef', 'name'] });
      }
      return;
    }
    const workloads = workloadsIn(ctx.objects).filter((w) => sameScope(o, w.object));
    if (!workloads.length) return; // no workload of this application in the scan: they live elsewhere
    if (o.kind === 'Service') {
      if (spec.type === 'ExternalName' || !isRecord(spec.selector) || !Object.keys(spec.selector).length) return;
      if (!workloads.some((w) => sameNamespace(w.object, o) && mapSelectorMatches(withoutRuntimeLabels(spec.selector), w.labels))) ctx.report({ messageId: 'service', path: ['spec', 'selector'] });
      return;
    }
    if (o.kind === 'PodDisruptionBudget') {
      if (!isRecord(spec.selector) || isEmptySelector(spec.selector)) return;
      if (!workloads.some((w) => sameNamespace(w.object, o) && selectorMatches(spec.selector, w.labels))) ctx.report({ messageId: 'pdb', path: ['spec', 'selector'] });
    }
  },
});
