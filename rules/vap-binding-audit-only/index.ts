import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'vap-binding-audit-only',
    title: 'ValidatingAdmissionPolicyBinding only audits',
    category: 'cluster',
    goals: ['integrity'],
    severity: 'info',
    appliesTo: ['ValidatingAdmissionPolicyBinding'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'defense in depth',
    docs: {
      summary: 'A binding whose only validation action is `Audit` admits every violating request and only writes an audit annotation: neither the author nor the API server stops the object.',
      recipe: 'Add `Deny` (enforce) or at least `Warn` (the client sees a warning) to `validationActions` once the policy has been observed in Audit.',
    },
    peers: {},
    messages: {
      auditOnly: 'Binding {{name}} of policy {{policy}} only audits: violating objects are admitted and only recorded in the audit log.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!o.apiVersion.startsWith('admissionregistration.k8s.io/')) return;
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const actions = Array.isArray(spec.validationActions) ? spec.validationActions.map(String) : [];
    if (!actions.length || actions.some((a) => a !== 'Audit')) return;
    ctx.report({ messageId: 'auditOnly', data: { name: o.name, policy: String(spec.policyName ?? '') }, path: ['spec', 'validationActions'] });
  },
});
