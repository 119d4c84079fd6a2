import { auditLogToStdout, flagRule, intAtLeast, type CommandLine, type Verdict } from '../_lib/control-plane';

const atLeast30 = intAtLeast('audit-log-maxage', 30, { zero: 'unlimited', missing: true });

export default flagRule({
  id: 'apiserver-audit-log-maxage',
  title: 'API server audit log retention by age is not set to 30 days or more',
  component: 'kube-apiserver',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'kube-apiserver --audit-log-maxage decides how many days rotated audit logs are kept: below 30 they are deleted before an incident is likely to be investigated; unset or 0 they are never deleted by age and pile up on the control-plane node until its disk is full.',
  recipe: 'Set `--audit-log-maxage` to at least 30 days (or ship the logs elsewhere and keep them there).',
  peers: {
    checkov: ['CKV_K8S_92'],
    kubescape: ['C-0131'],
    trivy: ['KCV-0020'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxage={{value}}, below {{min}}; older audit records are deleted before an incident is likely to be investigated.',
    unlimited: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxage=0, so rotated audit logs are never deleted by age; set a retention of at least {{min}} days.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --audit-log-maxage, so no audit log retention by age is decided; set it to at least {{min}} days.',
  },
  // writing the audit log to standard output leaves rotation and retention to whatever collects it
  check: (cl: CommandLine): Verdict | undefined => (auditLogToStdout(cl) ? undefined : atLeast30(cl)),
});
