import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'hostNetwork false, other fields are not this rule', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  hostNetwork: false
  hostIPC: true
  runAsUser: {rule: MustRunAsNonRoot}
` },
    { name: 'hostNetwork unset (defaults to false), or a quoted string', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  runAsUser: {rule: MustRunAsNonRoot}
---
apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  hostNetwork: "true"
` },
    { name: 'a pod is not a policy', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: false
  containers: [{name: app, image: nginx:1.27}]
` },
  ],
  invalid: [
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [26, 2, 26, 19], severity: 'info', message: 'PodSecurityPolicy node-agents: hostNetwork is true. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'hostNetwork true, as a YAML 1.1 boolean',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostNetwork: yes
  runAsUser:
    rule: RunAsAny
`,
      errors: [{ messageId: 'hostNetwork', range: [5, 2, 5, 18] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostNetwork: false
  runAsUser:
    rule: RunAsAny
`,
    },
    {
      name: 'extensions/v1beta1, flow style',
      code: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostNetwork: true, volumes: ['*']}
`,
      errors: [{ messageId: 'hostNetwork', range: [3, 7, 3, 24] }],
      output: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostNetwork: false, volumes: ['*']}
`,
    },
  ],
});
