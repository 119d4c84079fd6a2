import { defineRule } from '../../engine';
import { capabilityList, isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'privilege-escalation-allowed',
    title: 'Container may gain more privileges than its parent process',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-restricted'],
    // a container without any securityContext gets one finding naming every gap: no-security-context's
    yieldsTo: ['no-security-context'],
    pss: 'restricted: Privilege Escalation',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Unless allowPrivilegeEscalation is false, a process in the container can gain privileges through setuid binaries or file capabilities (no_new_privs is not set).',
      recipe: 'Set `securityContext.allowPrivilegeEscalation: false` on every container; leaving it out means true.',
    },
    peers: {
      'kube-linter': ['privilege-escalation-container'],
      polaris: ['privilegeEscalationAllowed'],
      kubesec: ['AllowPrivilegeEscalation'],
      checkov: ['CKV_K8S_20'],
      kubescape: ['C-0016'],
      trivy: ['KSV-0001'],
      datree: ['CONTAINERS_MISSING_KEY_ALLOWPRIVILEGEESCALATION'],
      pss: ['allowPrivilegeEscalation'],
    },
    messages: {
      allowed: '{{kind}} {{name}}: container "{{container}}" allows privilege escalation (allowPrivilegeEscalation is not false).',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (isWindowsPod(c.pod)) continue;
      const s = c.effective('allowPrivilegeEscalation');
      if (s.value === false) continue;
      // The API server rejects allowPrivilegeEscalation: false next to privileged: true or an added
      // CAP_SYS_ADMIN, so the fix would produce a manifest that cannot be applied.
      const conflicting = c.securityContext.privileged === true || (capabilityList(c, 'add') ?? []).some((e) => e.value === 'CAP_SYS_ADMIN');
      ctx.report({
        messageId: 'allowed',
        data: { container: c.name },
        path: s.path,
        fix: conflicting ? undefined : { title: 'Set allowPrivilegeEscalation: false', safety: 'safe', ops: [{ op: 'set', path: s.path, value: false }] },
      });
    }
  },
});
