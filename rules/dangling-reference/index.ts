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

/** Gateway API route kinds whose rules forward to backendRefs. */
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute'];
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

interface RouteBackend { name: string; namespace?: string; path: Path }

/**
 * Service backendRefs of a Gateway API route: `spec.rules[].backendRefs[]`, and the `requestMirror.backendRef`
 * of the filters of a rule or of a backendRef. A ref names a Service when its kind is absent or `Service` and its
 * group absent or empty (the core group).
 */
function routeBackendsOf(route: K8sObject): RouteBackend[] {
  const spec = isRecord(route.value.spec) ? route.value.spec : {};
  const out: RouteBackend[] = [];
  const visit = (ref: unknown, path: Path) => {
    if (!isRecord(ref) || typeof ref.name !== 'string' || !ref.name) return;
    if (ref.kind !== undefined && ref.kind !== 'Service') return;
    if (ref.group !== undefined && ref.group !== '') return;
    out.push({ name: ref.name, namespace: typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : undefined, path: [...path, 'name'] });
  };
  const mirrors = (filters: unknown, path: Path) => {
    if (!Array.isArray(filters)) return;
    filters.forEach((f, k) => {
      if (isRecord(f) && isRecord(f.requestMirror)) visit(f.requestMirror.backendRef, [...path, k, 'requestMirror', 'backendRef']);
    });
  };
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((r, i) => {
    if (!isRecord(r)) return;
    const base: Path = ['spec', 'rules', i];
    if (Array.isArray(r.backendRefs)) {
      r.backendRefs.forEach((b, j) => {
        visit(b, [...base, 'backendRefs', j]);
        if (isRecord(b)) mirrors(b.filters, [...base, 'backendRefs', j, 'filters']);
      });
    }
    mirrors(r.filters, [...base, 'filters']);
  });
  return out;
}

export default defineRule({
  meta: {
    id: 'dangling-reference',
    title: 'Service, Ingress, Gateway API route, HPA or PDB points at nothing in the manifests',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'warning',
    appliesTo: ['Service', 'Ingress', ...ROUTE_KINDS, 'HorizontalPodAutoscaler', 'PodDisruptionBudget'],
    reads: ['podSpec', 'Service'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A Service whose selector matches no pods, an Ingress or Gateway API route whose backend Service does not exist, an autoscaler whose target does not exist or a disruption budget that selects no pods does nothing, and the workload it was written for runs without it.',
      recipe: 'Make the reference match: copy the pod template labels into the selector, or the target\'s exact name (and kind) into the reference.',
    },
    peers: {
      'kube-linter': ['dangling-service', 'dangling-ingress', 'dangling-horizontalpodautoscaler'],
      'kube-score': ['service-targets-pod', 'ingress-targets-service', 'horizontalpodautoscaler-has-target'],
      kubescape: ['C-0293', 'C-0298', 'C-0300', 'C-0302'],
    },
    // each peer check covers one kind of reference; a v1 Ingress backend written as serviceName names no Service
    // at all, which the Ingress checks report too (kube-score's ingress-targets-service fixtures do)
    /**
     * `wholeApplication`: the scan is the whole application, so an Ingress or route backend that it does not create
     * does not exist, even when the scan creates no Service at all (reported as info). Off by default, where such a
     * scan is taken to rely on Services created elsewhere; on in the exhaustive `all` profile.
     */
    defaultOptions: { wholeApplication: false },
    profileOptions: { all: { wholeApplication: true } },
    peerMessages: {
      'kube-linter': { 'dangling-service': ['service'], 'dangling-ingress': ['ingress', 'legacyBackend'], 'dangling-horizontalpodautoscaler': ['hpa'] },
      'kube-score': { 'service-targets-pod': ['service'], 'ingress-targets-service': ['ingress', 'legacyBackend'], 'horizontalpodautoscaler-has-target': ['hpa'] },
      kubescape: { 'C-0293': ['service'], 'C-0298': ['ingress', 'legacyBackend'], 'C-0300': ['hpa'], 'C-0302': ['route'] },
    },
    messages: {
      service: '{{kind}} {{name}}: its selector matches the pods of no workload in the scanned manifests, so it has no endpoints.',
      ingress: '{{kind}} {{name}}: backend Service "{{service}}" is not in the scanned manifests.',
      legacyBackend: '{{kind}} {{name}}: networking.k8s.io/v1 has no serviceName field; write the backend as service.name and service.port.',
      route: '{{kind}} {{name}}: backendRef Service "{{service}}" is not in the scanned manifests.',
      hpa: '{{kind}} {{name}}: scale target {{target}} is not in the scanned manifests.',
      pdb: '{{kind}} {{name}}: its selector matches the pods of no workload in the scanned manifests, so it protects nothing.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const whole = ctx.options.wholeApplication === true;
    if (o.kind === 'Ingress') {
      const { backends, legacy } = backendsOf(o);
      for (const path of legacy) ctx.report({ messageId: 'legacyBackend', path });
      const services = ctx.objectsOfKind('Service').filter((x) => sameScope(o, x));
      // no Service in the scan: they usually live elsewhere
      if (!services.length && !whole) return;
      const severity = services.length ? {} : { severity: 'info' as const };
      for (const b of backends) {
        if (!services.some((s) => s.name === b.name && sameNamespace(s, o))) ctx.report({ messageId: 'ingress', data: { service: b.name }, path: b.path, ...severity });
      }
      return;
    }
    if (ROUTE_KINDS.includes(o.kind)) {
      if (o.apiVersion.split('/')[0] !== GATEWAY_GROUP) return;
      const services = ctx.objectsOfKind('Service');
      for (const b of routeBackendsOf(o)) {
        // the ref's namespace, else the route's; resolved as for an Ingress (an unplaced object shares its folder's)
        const target: K8sObject = { ...o, namespace: b.namespace ?? o.namespace };
        const candidates = services.filter((s) => sameScope(o, s) || (b.namespace !== undefined && s.namespace === b.namespace));
        // no Service of this application or namespace in the scan: they usually live elsewhere
        if (!candidates.length && !whole) continue;
        if (!candidates.some((s) => s.name === b.name && sameNamespace(s, target))) {
          const severity = candidates.length ? {} : { severity: 'info' as const };
          ctx.report({ messageId: 'route', data: { service: b.namespace ? `${b.namespace}/${b.name}` : b.name }, path: b.path, ...severity });
        }
      }
      return;
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = spec.scaleTargetRef;
      if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
      const sameKind = ctx.objectsOfKind(ref.kind).filter((x) => sameScope(o, x));
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
