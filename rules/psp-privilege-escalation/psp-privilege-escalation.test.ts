import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'allowPrivilegeEscalation false', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  allowPrivilegeEscalation: false
  defaultAllowPrivilegeEscalation: false
  runAsUser: {rule: MustRunAsNonRoot}
` },
  ],
  invalid: [
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [27, 2, 27, 32], severity: 'info', message: 'PodSecurityPolicy node-agents: allowPrivilegeEscalation is not false. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'unset: the policy default is true',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
  runAsUser:
    rule: MustRunAsNonRoot
`,
      errors: [{ messageId: 'missing', range: [4, 0, 4, 4] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
  runAsUser:
    rule: MustRunAsNonRoot
  allowPrivilegeEscalation: false
`,
    },
    {
      name: 'true, with a true default that the fix turns off too',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  allowPrivilegeEscalation: true
  defaultAllowPrivilegeEscalation: true
`,
      errors: [{ messageId: 'allowed', range: [5, 2, 5, 32] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  allowPrivilegeEscalation: false
  defaultAllowPrivilegeEscalation: false
`,
    },
    {
      name: 'a string is not false',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: legacy}
spec:
  allowPrivilegeEscalation: "false"
`,
      errors: [{ messageId: 'allowed', range: [4, 2, 4, 35] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: legacy}
spec:
  allowPrivilegeEscalation: false
`,
    },
  ],
});
