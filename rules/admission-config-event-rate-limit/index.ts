import { defineRule, isRecord } from '../../engine';

/** API groups of the API server's admission configuration file (v1 since 1.17; the alpha group before). */
const GROUPS = /^apiserver\.(config\.)?k8s\.io\//;

export default defineRule({
  meta: {
    id: 'admission-config-event-rate-limit',
    title: 'Admission configuration sets no event rate limit',
    category: 'cluster',
    goals: ['availability'],
    severity: 'warning',
    appliesTo: ['AdmissionConfiguration'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'secure by default',
    docs: {
      summary: 'An AdmissionConfiguration without an EventRateLimit entry leaves the API server with no event rate limits, so a flood of Events can overload it and etcd.',
      recipe: 'Add a `plugins` entry named `EventRateLimit` (with an inline `configuration` or a `path`) and enable the plugin with `--enable-admission-plugins`.',
    },
    peers: {
      checkov: ['CKV_K8S_78'],
    },
    messages: {
      missing: 'AdmissionConfiguration: no EventRateLimit plugin entry, so the API server has no limits for event creation.',
    },
  },
  check(ctx) {
    if (!GROUPS.test(ctx.object.apiVersion)) return;
    const plugins = ctx.object.value.plugins;
    const list = Array.isArray(plugins) ? plugins : [];
    if (list.some((p) => isRecord(p) && p.name === 'EventRateLimit')) return;
    ctx.report({ messageId: 'missing', path: ['plugins'] });
  },
});
