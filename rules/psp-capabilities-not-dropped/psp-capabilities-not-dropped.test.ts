import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

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
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [22, 0, 22, 4], severity: 'info', message: 'PodSecurityPolicy node-agents: requiredDropCapabilities is missing or empty. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
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
