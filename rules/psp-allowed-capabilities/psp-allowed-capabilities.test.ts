import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

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
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [28, 2, 28, 34], severity: 'info', message: 'PodSecurityPolicy node-agents: it lets the pods it admits add capabilities. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
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
