import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'MustRunAsNonRoot', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  runAsUser:
    rule: MustRunAsNonRoot
` },
    { name: 'MustRunAs with ranges above 0', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: ranged}
spec:
  runAsUser:
    rule: MustRunAs
    ranges:
      - {min: 1, max: 999}
      - {min: 10000, max: 65535}
` },
  ],
  invalid: [
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [30, 4, 30, 18], severity: 'info', message: 'PodSecurityPolicy node-agents: it admits containers running as root. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'RunAsAny',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  runAsUser:
    rule: RunAsAny
  volumes: ['*']
`,
      errors: [{ messageId: 'rule', range: [6, 4, 6, 18] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  runAsUser:
    rule: MustRunAsNonRoot
  volumes: ['*']
`,
    },
    {
      name: 'MustRunAs with a range from 0, and one without a minimum',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  runAsUser:
    rule: MustRunAs
    ranges:
      - min: 0
        max: 65535
      - {min: 1000, max: 2000}
      - {max: 10}
`,
      errors: [{ messageId: 'rootRange', range: [8, 8, 8, 14] }, { messageId: 'rootRange', range: [11, 9, 11, 12] }],
      output: null,
    },
    {
      name: 'MustRunAs without ranges, and no runAsUser at all',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: a
spec:
  runAsUser:
    rule: MustRunAs
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: b
spec:
  privileged: false
`,
      errors: [{ messageId: 'noRanges', range: [5, 2, 5, 11] }, { messageId: 'missing', range: [12, 0, 12, 4] }],
      output: null,
    },
    {
      name: 'RunAsAny with leftover ranges: no fix',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: legacy}
spec:
  runAsUser: {rule: RunAsAny, ranges: [{min: 1, max: 2}]}
`,
      errors: [{ messageId: 'rule', range: [4, 14, 4, 28] }],
      output: null,
      derive: false,
    },
  ],
});
