import { defineRule } from '../../engine';
import { otherRestrictingPsp, otherRestrictsMessage, pspCapabilities, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-allowed-capabilities',
    title: 'PodSecurityPolicy admits containers that add capabilities',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    reads: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A PodSecurityPolicy with a non-empty `allowedCapabilities` (or `defaultAddCapabilities`) admits containers with Linux capabilities added beyond the runtime default set.',
      recipe: 'Empty `allowedCapabilities` and `defaultAddCapabilities`, and give the few workloads that need a capability a separate, narrowly granted policy; better, enforce the Pod Security Standards with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_24'],
      kubescape: ['C-0219'],
    },
    messages: {
      allowed: '{{kind}} {{name}}: allowedCapabilities lets the pods it admits add {{capabilities}}.',
      defaultAdd: '{{kind}} {{name}}: defaultAddCapabilities adds {{capabilities}} to every container it admits.',
      otherRestricts: otherRestrictsMessage('it lets the pods it admits add capabilities'),
    },
    // Kubescape reads only allowedCapabilities, and fails a policy only when no policy of the scan is free of them
    peerMessages: { kubescape: { 'C-0219': ['allowed'] } },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    const adds = (s: Record<string, unknown>): boolean => !!pspCapabilities(s, 'allowedCapabilities')?.length || !!pspCapabilities(s, 'defaultAddCapabilities')?.length;
    if (!adds(spec)) return;
    const other = otherRestrictingPsp(ctx, adds);
    if (other) {
      const field = pspCapabilities(spec, 'allowedCapabilities')?.length ? 'allowedCapabilities' : 'defaultAddCapabilities';
      ctx.report({ messageId: 'otherRestricts', data: { other }, path: ['spec', field], severity: 'info' });
      return;
    }
    for (const [field, messageId] of [['allowedCapabilities', 'allowed'], ['defaultAddCapabilities', 'defaultAdd']] as const) {
      const caps = pspCapabilities(spec, field);
      if (!caps?.length) continue;
      const path = ['spec', field];
      ctx.report({
        messageId, data: { capabilities: caps.map((c) => c.value).join(', ') }, path,
        fix: { title: `Remove ${field}`, safety: 'review', ops: [{ op: 'remove', path }] },
      });
    }
  },
});
