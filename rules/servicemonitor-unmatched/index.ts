import { defineRule, isRecord, type K8sObject } from '../../engine';
import { isEmptySelector, labelsOf, sameNamespace, sameScope, selectorMatches } from '../_lib/selectors';

/** Can the ServiceMonitor see a Service in this namespace? (`namespaceSelector`: `any`, `matchNames`, else its own.) */
function watches(sm: K8sObject, svc: K8sObject): boolean {
  const spec = isRecord(sm.value.spec) ? sm.value.spec : {};
  const ns = spec.namespaceSelector;
  if (isRecord(ns) && ns.any === true) return true;
  if (isRecord(ns) && Array.isArray(ns.matchNames) && ns.matchNames.length) return svc.namespace !== undefined && ns.matchNames.map(String).includes(svc.namespace);
  return sameNamespace(sm, svc);
}

export default defineRule({
  meta: {
    id: 'servicemonitor-unmatched',
    title: 'ServiceMonitor selects no Service',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'warning',
    appliesTo: ['ServiceMonitor'],
    reads: ['Service'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A Prometheus Operator ServiceMonitor whose label selector or namespace selector matches none of the Services it is shipped with scrapes nothing, so the application runs unmonitored and its alerts never fire.',
      recipe: 'Copy the Service\'s own `metadata.labels` into `spec.selector.matchLabels`, and list the Service\'s namespace in `spec.namespaceSelector.matchNames` (or drop it to watch the ServiceMonitor\'s own namespace).',
    },
    peers: {
      'kube-linter': ['dangling-servicemonitor'],
    },
    messages: {
      unmatched: '{{kind}} {{name}}: its selectors match none of the Services in the scanned manifests, so nothing is scraped.',
    },
  },
  check(ctx) {
    const sm = ctx.object;
    if (!sm.apiVersion.startsWith('monitoring.coreos.com/')) return;
    const spec = isRecord(sm.value.spec) ? sm.value.spec : {};
    // only Services of this application in the namespaces it watches can be judged; with none in the scan
    // (control-plane Services, or targets kept elsewhere) the rule stays silent
    const services = ctx.objectsOfKind('Service').filter((s) => s.apiVersion === 'v1' && sameScope(sm, s) && watches(sm, s));
    if (!services.length) return;
    const sel = spec.selector;
    const hit = services.some((s) => isEmptySelector(sel) || selectorMatches(sel, labelsOf(s.metadata.labels)));
    if (!hit) ctx.report({ messageId: 'unmatched', path: spec.selector !== undefined ? ['spec', 'selector'] : ['spec'] });
  },
});
