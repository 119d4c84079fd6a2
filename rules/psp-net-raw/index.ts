import { defineRule } from '../../engine';
import { isCapability, pspCapabilities, pspSpec } from '../_lib/psp';

export default defineRule({
  meta: {
    id: 'psp-net-raw',
    title: 'PodSecurityPolicy does not require dropping NET_RAW',
    category: 'cluster',
    goals: ['integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['PodSecurityPolicy'],
    profiles: [],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Unless `requiredDropCapabilities` lists `NET_RAW` or `ALL`, a PodSecurityPolicy admits containers that keep NET_RAW, which most runtimes grant by default: raw packets, spoofing, sniffing of the pod network.',
      recipe: 'Add `NET_RAW` (or `ALL`) to `requiredDropCapabilities`; better, enforce the Pod Security Standards restricted level with namespace labels, since PodSecurityPolicy is gone from Kubernetes 1.25.',
    },
    peers: {
      checkov: ['CKV_K8S_7'],
    },
    messages: {
      notDropped: '{{kind}} {{name}}: requiredDropCapabilities does not include NET_RAW or ALL, so the pods it admits may keep NET_RAW.',
    },
  },
  check(ctx) {
    const spec = pspSpec(ctx.object.value);
    const drop = pspCapabilities(spec, 'requiredDropCapabilities') ?? [];
    if (drop.some((c) => c.value === 'ALL' || isCapability(c.value, 'NET_RAW'))) return;
    const path = ['spec', 'requiredDropCapabilities'];
    // A capability both allowed and required-dropped is rejected by the API server: no fix then.
    const alsoAllowed = [...(pspCapabilities(spec, 'allowedCapabilities') ?? []), ...(pspCapabilities(spec, 'defaultAddCapabilities') ?? [])]
      .some((c) => c.value === '*' || isCapability(c.value, 'NET_RAW'));
    ctx.report({
      messageId: 'notDropped', path,
      ...(alsoAllowed ? {} : { fix: { title: 'Require dropping NET_RAW', safety: 'review', ops: [{ op: 'append', path, value: 'NET_RAW' }] } }),
    });
  },
});
