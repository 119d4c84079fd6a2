import { defineRule, isRecord } from '../../engine';

/** Names of security controls (Pod Security Standards, images, RBAC, secrets, network). */
const SECURITY_NAME = /privileg|run-?as-?(non-?)?root|\broot|capabilit|host-?(path|network|pid|ipc|port|namespace|process)|seccomp|apparmor|selinux|sysctl|proc-?mount|escalation|pod-?security|\bpss\b|\bpsa\b|baseline|restricted|registr|latest-tag|image-?(signature|verif|digest)|verify-image|signed|rbac|cluster-?admin|secret|service-?account-?token|automount|network-?polic|read-?only-?root|vulnerab|\bcve\b|security|hardening|untrusted|docker-?sock|tiller|wildcard/i;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const isEnforce = (a: unknown) => String(a ?? '').toLowerCase() === 'enforce';

export default defineRule({
  meta: {
    id: 'kyverno-security-policy-audit',
    title: 'Kyverno policy named like a security control runs in Audit mode',
    category: 'cluster',
    goals: ['integrity'],
    severity: 'warning',
    appliesTo: ['ClusterPolicy', 'Policy', 'ValidatingPolicy', 'NamespacedValidatingPolicy'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'defense in depth',
    docs: {
      summary: "In Audit mode (Kyverno's default) a policy only writes a report: a privileged pod or an unsigned image it is named after is still admitted. Everyone reading the policy list believes the control is in place.",
      recipe: 'Set `validationFailureAction: Enforce` (ValidatingPolicy: `validationActions: [Deny]`) once the policy reports have been reviewed, or rename the policy to say it only audits.',
    },
    peers: {},
    messages: {
      audit: '{{kind}} {{name}} is named like a security control but runs in Audit mode: violations are reported, never blocked.',
      auditDefault: '{{kind}} {{name}} is named like a security control but sets no failure action, and Kyverno defaults to Audit: violations are reported, never blocked.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (!SECURITY_NAME.test(o.name)) return;
    const spec = rec(o.value.spec);
    const data = { kind: o.kind, name: o.name };
    if (o.apiVersion.startsWith('policies.kyverno.io/')) {
      if (!o.kind.endsWith('ValidatingPolicy')) return;
      const actions = arr(spec.validationActions).map(String);
      if (!actions.length || actions.includes('Deny')) return;
      ctx.report({ messageId: 'audit', data, path: ['spec', 'validationActions'] });
      return;
    }
    if (!o.apiVersion.startsWith('kyverno.io/')) return;
    const validates = arr(spec.rules).map(rec).filter((r) => isRecord(r.validate));
    if (!validates.length) return;
    const policyAction = spec.validationFailureAction ?? spec.failureAction;
    // a rule-level failureAction overrides the policy's: Audit only when no validate rule enforces
    if (validates.some((r) => isEnforce(rec(r.validate).failureAction ?? policyAction))) return;
    if (policyAction === undefined) ctx.report({ messageId: 'auditDefault', data, path: ['metadata', 'name'] });
    else ctx.report({ messageId: 'audit', data, path: ['spec', spec.validationFailureAction !== undefined ? 'validationFailureAction' : 'failureAction'] });
  },
});
