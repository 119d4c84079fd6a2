import { defineRule, isRecord } from '../../engine';
import { subjectsOf } from '../_lib/rbac-rules';

/** Roles Kubernetes itself binds to every (or every authenticated) caller: binding them again adds nothing. */
const DISCOVERY_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

function offending(kind: string, name: string): string | undefined {
  if (kind === 'Group' && ['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'].includes(name)) return name;
  if (kind === 'User' && name === 'system:anonymous') return name;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'rbac-system-group-binding',
    title: 'Binding grants a role to anonymous, all authenticated users or system:masters',
    category: 'cluster',
    goals: ['authenticity', 'possession', 'confidentiality'],
    severity: 'error',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`system:anonymous` and `system:unauthenticated` are everyone who can reach the API server, `system:authenticated` is every account of every identity provider, and `system:masters` bypasses RBAC entirely: rights bound to them are rights given to strangers.',
      recipe: 'Remove the subject and bind the role to the specific users, groups or service accounts that need it.',
    },
    peers: {
      kubesec: ['BindingsToSystemAnonymous'],
      kubescape: ['C-0262', 'C-0265', 'C-0246'],
      trivy: ['KSV-0122', 'KSV-01011', 'KSV-0123'],
      datree: ['CIS_INVALID_VALUE_SYSTEM_MASTERS'],
    },
    messages: {
      anonymous: '{{kind}} {{name}}: binds role "{{role}}" to {{subject}}, that is, to anyone who can reach the API server.',
      authenticated: '{{kind}} {{name}}: binds role "{{role}}" to system:authenticated, that is, to every account of every identity provider.',
      masters: '{{kind}} {{name}}: names the system:masters group, whose members bypass every RBAC check.',
    },
  },
  check(ctx) {
    const ref = ctx.object.value.roleRef;
    const role = isRecord(ref) && typeof ref.name === 'string' ? ref.name : '';
    for (const s of subjectsOf(ctx.object)) {
      const hit = offending(s.kind, s.name);
      if (!hit) continue;
      if (hit !== 'system:masters' && DISCOVERY_ROLES.has(role)) continue;
      const messageId = hit === 'system:masters' ? 'masters' : hit === 'system:authenticated' ? 'authenticated' : 'anonymous';
      ctx.report({
        messageId,
        data: { role, subject: hit },
        path: [...s.path, 'name'],
        fix: { title: `Remove subject ${hit}`, safety: 'review', ops: [{ op: 'remove', path: s.path }] },
      });
    }
  },
});
