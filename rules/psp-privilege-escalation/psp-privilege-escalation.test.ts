import rule from '.';
import { ruleTester } from '../../test/rule-tester';

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
