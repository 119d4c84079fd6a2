import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'ALL, or some capabilities, required to be dropped', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  requiredDropCapabilities: [ALL]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  requiredDropCapabilities:
    - NET_RAW
    - SYS_CHROOT
` },
  ],
  invalid: [
    {
      name: 'missing',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
`,
      errors: [{ messageId: 'noDrop', range: [4, 0, 4, 4] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
  requiredDropCapabilities: [ALL]
`,
    },
    {
      name: 'empty',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  requiredDropCapabilities: []
  hostPID: false
`,
      errors: [{ messageId: 'noDrop', range: [5, 2, 5, 30] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  requiredDropCapabilities: [ALL]
  hostPID: false
`,
    },
  ],
});
