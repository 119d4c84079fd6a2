import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'hostIPC false, other fields are not this rule', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  hostIPC: false
  hostPID: true
  runAsUser: {rule: MustRunAsNonRoot}
` },
    { name: 'hostIPC unset (defaults to false), or a quoted string', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  runAsUser: {rule: MustRunAsNonRoot}
---
apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  hostIPC: "true"
` },
    { name: 'a pod is not a policy', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: false
  containers: [{name: app, image: nginx:1.27}]
` },
  ],
  invalid: [
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [25, 2, 25, 15], severity: 'info', message: 'PodSecurityPolicy node-agents: hostIPC is true. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'hostIPC true, as a YAML 1.1 boolean',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostIPC: yes
  runAsUser:
    rule: RunAsAny
`,
      errors: [{ messageId: 'hostIPC', range: [5, 2, 5, 14] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  hostIPC: false
  runAsUser:
    rule: RunAsAny
`,
    },
    {
      name: 'extensions/v1beta1, flow style',
      code: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostIPC: true, volumes: ['*']}
`,
      errors: [{ messageId: 'hostIPC', range: [3, 7, 3, 20] }],
      output: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {hostIPC: false, volumes: ['*']}
`,
    },
  ],
});
