import { auditLogToStdout, flagRule, intAtLeast, type CommandLine, type Verdict } from '../_lib/control-plane';

const atLeast10 = intAtLeast('audit-log-maxbackup', 10, { zero: 'unlimited', missing: true });

export default flagRule({
  id: 'apiserver-audit-log-maxbackup',
  title: 'API server does not keep a bounded number of at least 10 audit log files',
  component: 'kube-apiserver',
  goals: ['authenticity', 'availability'],
  severity: 'warning',
  profiles: [],
  principle: 'accountability',
  summary: 'kube-apiserver --audit-log-maxbackup decides how many rotated audit files are kept: below 10 a busy cluster loses its audit trail within hours; unset or 0 every rotated file is kept, without limit.',
  recipe: 'Set `--audit-log-maxbackup` to at least 10.',
  peers: {
    checkov: ['CKV_K8S_93'],
    kubescape: ['C-0132'],
    trivy: ['KCV-0021'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxbackup={{value}}, below {{min}}; rotated audit files are deleted soon after rotation.',
    unlimited: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" sets --audit-log-maxbackup=0, so the number of rotated audit files kept is unlimited; set it to at least {{min}}.',
    missing: '{{kind}} {{name}}: kube-apiserver in container "{{container}}" does not set --audit-log-maxbackup, so the number of rotated audit files kept is unlimited; set it to at least {{min}}.',
  },
  // writing the audit log to standard output leaves rotation and retention to whatever collects it
  check: (cl: CommandLine): Verdict | undefined => (auditLogToStdout(cl) ? undefined : atLeast10(cl)),
});
