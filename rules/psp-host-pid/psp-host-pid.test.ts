import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'hostPID false, other fields are not this rule', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  hostPID: false
  hostNetwork: true
  runAsUser: {rule: MustRunAsNonRoot}
` },
    { name: 'hostPID unset (defaults to false), or a quoted string', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  runAsUser: {rule: MustRunAsNonRoot}
---
apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  hostPID: "true"
` },
    { name: 'a pod is not a policy', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: false
  containers: [{name: app, image: nginx:1.27}]
` },
  ],
  invalid: [
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [24, 2, 24, 15], severity: 'info', message: 'PodSecurityPolicy node-agents: hostPID is true. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'hostPID true, as a YAML 1.1 boolean',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostPID: yes
  runAsUser:
    rule: RunAsAny
`,
      errors: [{ messageId: 'hostPID', range: [5, 2, 5, 14] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostPID: false
  runAsUser:
    rule: RunAsAny
`,
    },
    {
      name: 'extensions/v1beta1, flow style',
      code: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostPID: true, volumes: ['*']}
`,
      errors: [{ messageId: 'hostPID', range: [3, 7, 3, 20] }],
      output: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostPID: false, volumes: ['*']}
`,
    },
  ],
});
