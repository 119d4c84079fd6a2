import { defineRule, isRecord } from '../../engine';
import { mapSelectorMatches, podLabels, sameNamespace, sameScope } from '../_lib/selectors';

export default defineRule({
  meta: {
    id: 'statefulset-service-name',
    title: 'StatefulSet serviceName does not name a headless Service for its pods',
    category: 'code',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['StatefulSet'],
    reads: ['Service'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A StatefulSet\'s pods get their stable DNS names (`pod-0.service`) from the headless Service named in `serviceName`; when that Service is missing, has a cluster IP or selects other pods, peers cannot find each other and clustered databases fail to form.',
      recipe: 'Point `serviceName` at a Service with `clusterIP: None` whose selector matches the StatefulSet\'s pod labels, in the same namespace.',
    },
    peers: {
      'kube-score': ['statefulset-has-servicename'],
    },
    messages: {
      missing: '{{kind}} {{name}}: serviceName "{{service}}" names no Service in the scanned manifests.',
      notHeadless: '{{kind}} {{name}}: Service "{{service}}" is not headless (clusterIP: None), so its pods get no stable DNS names.',
      selector: '{{kind}} {{name}}: Service "{{service}}" does not select its pods, so they get no DNS records.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    const spec = isRecord(o.value.spec) ? o.value.spec : undefined;
    const name = spec?.serviceName;
    if (typeof name !== 'string' || !name) return;
    const path = ['spec', 'serviceName'];
    const services = ctx.objectsOfKind('Service').filter((s) => sameScope(o, s));
    // with no Service of this application in the scan, it is simply kept elsewhere
    if (!services.length) return;
    const svc = services.find((s) => s.name === name && sameNamespace(o, s));
    if (!svc) {
      ctx.report({ messageId: 'missing', data: { service: name }, path });
      return;
    }
    const sspec = isRecord(svc.value.spec) ? svc.value.spec : {};
    if (sspec.clusterIP !== 'None') ctx.report({ messageId: 'notHeadless', data: { service: name }, path });
    else if (isRecord(sspec.selector) && Object.keys(sspec.selector).length && !mapSelectorMatches(sspec.selector, podLabels(o) ?? {})) ctx.report({ messageId: 'selector', data: { service: name }, path });
  },
});
