import { defineRule } from '../../engine';
import { WEBHOOK_KINDS, isAdmissionRegistration, securityTool, selfChosenLabels, webhooksOf } from '../_lib/admission';

export default defineRule({
  meta: {
    id: 'admission-webhook-fail-open',
    title: "A security tool's admission webhook fails open or lets objects exempt themselves",
    category: 'cluster',
    goals: ['integrity', 'availability'],
    severity: 'warning',
    appliesTo: [...WEBHOOK_KINDS],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'fail safe',
    docs: {
      summary: "A policy engine's or image verifier's webhook with `failurePolicy: Ignore` admits everything while it is down or slow, and a selector on labels the object or its namespace sets itself lets anyone who can write those labels skip the check.",
      recipe: 'Set `failurePolicy: Fail` (run the webhook highly available), and exempt namespaces by `kubernetes.io/metadata.name` instead of by labels workloads choose.',
    },
    peers: {},
    messages: {
      failOpen: 'Webhook {{webhook}} of {{tool}} has failurePolicy Ignore: while it is down or times out, the API server admits every request unchecked.',
      failOpenDefault: 'Webhook {{webhook}} of {{tool}} has no failurePolicy, and {{apiVersion}} defaults to Ignore: while it is down, every request is admitted unchecked.',
      objectSelector: 'Webhook {{webhook}} of {{tool}} only sees objects whose labels match its objectSelector ({{labels}}): a workload sets its own labels, so it can leave itself out of the check.',
      namespaceSelector: 'Webhook {{webhook}} of {{tool}} selects namespaces by labels ({{labels}}): whoever can label a namespace can take it out of the check (exempt namespaces by kubernetes.io/metadata.name instead).',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!isAdmissionRegistration(o)) return;
    for (const w of webhooksOf(o)) {
      const tool = securityTool(o, w);
      if (!tool) continue;
      const data = { webhook: w.name, tool };
      if (w.value.failurePolicy === 'Ignore') ctx.report({ messageId: 'failOpen', data, path: ['webhooks', w.index, 'failurePolicy'] });
      else if (w.value.failurePolicy === undefined && o.apiVersion.endsWith('/v1beta1')) ctx.report({ messageId: 'failOpenDefault', data: { ...data, apiVersion: o.apiVersion }, path: ['webhooks', w.index, 'name'] });
      const objLabels = selfChosenLabels(w.value.objectSelector);
      if (objLabels.length) ctx.report({ messageId: 'objectSelector', data: { ...data, labels: objLabels.join(', ') }, path: ['webhooks', w.index, 'objectSelector'], at: 'key' });
      const nsLabels = selfChosenLabels(w.value.namespaceSelector);
      if (nsLabels.length) ctx.report({ messageId: 'namespaceSelector', data: { ...data, labels: nsLabels.join(', ') }, path: ['webhooks', w.index, 'namespaceSelector'], at: 'key' });
    }
  },
});
