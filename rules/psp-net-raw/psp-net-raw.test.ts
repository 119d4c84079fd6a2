import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'NET_RAW, CAP_NET_RAW or ALL required to be dropped', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  requiredDropCapabilities: [NET_RAW]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  requiredDropCapabilities: [CAP_NET_RAW, SYS_ADMIN]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: c}
spec:
  requiredDropCapabilities:
    - ALL
` },
  ],
  invalid: [
    {
      name: 'no requiredDropCapabilities',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
`,
      errors: [{ messageId: 'notDropped', range: [4, 0, 4, 4] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
  requiredDropCapabilities: [NET_RAW]
`,
    },
    {
      name: 'drops others, lower-case is not NET_RAW',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  requiredDropCapabilities:
    - SYS_ADMIN
    - net_raw
`,
      errors: [{ messageId: 'notDropped', range: [5, 2, 5, 26] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  requiredDropCapabilities:
    - SYS_ADMIN
    - net_raw
    - NET_RAW
`,
    },
    {
      name: 'NET_RAW allowed: no fix, the API server rejects a capability both allowed and dropped',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  allowedCapabilities: [NET_RAW]
  requiredDropCapabilities: [SYS_ADMIN]
`,
      errors: [{ messageId: 'notDropped', range: [6, 2, 6, 39] }],
      output: null,
    },
  ],
});
