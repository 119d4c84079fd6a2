import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'none allowed, empty lists, drops only', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  requiredDropCapabilities: [ALL]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  allowedCapabilities: []
  defaultAddCapabilities: []
` },
  ],
  invalid: [
    {
      name: 'allowed and default-added capabilities',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  allowedCapabilities:
    - NET_ADMIN
    - SYS_TIME
  defaultAddCapabilities: [CHOWN]
  privileged: false
`,
      errors: [{ messageId: 'allowed', range: [5, 2, 5, 21] }, { messageId: 'defaultAdd', range: [8, 2, 8, 33] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
`,
    },
    {
      name: 'any capability',
      code: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  allowedCapabilities: ['*']
  volumes: ['*']
`,
      errors: [{ messageId: 'allowed', range: [5, 2, 5, 28] }],
      output: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  volumes: ['*']
`,
    },
  ],
});
