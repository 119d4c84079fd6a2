import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { PSP_RESTRICTED_AND_NODE_AGENTS } from '../../test/psp-fixtures';

ruleTester(rule, {
  valid: [
    { name: 'privileged false, other fields are not this rule', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec:
  privileged: false
  hostPID: true
  runAsUser: {rule: MustRunAsNonRoot}
` },
    { name: 'privileged unset (defaults to false), or a quoted string', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: a}
spec:
  runAsUser: {rule: MustRunAsNonRoot}
---
apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: b}
spec:
  privileged: "true"
` },
    { name: 'a pod is not a policy', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  privileged: false
  containers: [{name: app, image: nginx:1.27}]
` },
  ],
  invalid: [
    {
      name: 'every policy of the scan is privileged: each is reported in full',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: agents}
spec: {privileged: true, volumes: ['*']}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: debug}
spec: {privileged: true, volumes: ['*']}
`,
      errors: [
        { messageId: 'privileged', range: [3, 7, 3, 23], severity: 'error', message: 'PodSecurityPolicy agents: privileged is true, so the pods it admits may run privileged containers.' },
        { messageId: 'privileged', range: [8, 7, 8, 23], severity: 'error' },
      ],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: agents}
spec: {privileged: false, volumes: ['*']}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: debug}
spec: {privileged: false, volumes: ['*']}
`,
    },
    {
      name: 'a permissive policy next to a stricter one is the exception: info, no fix',
      code: PSP_RESTRICTED_AND_NODE_AGENTS,
      errors: [
        { messageId: 'otherRestricts', range: [23, 2, 23, 18], severity: 'info', message: 'PodSecurityPolicy node-agents: privileged is true. PodSecurityPolicy restricted in the scan is stricter on this point, so this one serves the exceptions: grant its `use` only to the workloads that need it.' },
      ],
      output: null,
    },
    {
      name: 'privileged true, as a YAML 1.1 boolean',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: yes
  runAsUser:
    rule: RunAsAny
`,
      errors: [{ messageId: 'privileged', range: [5, 2, 5, 17] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
  runAsUser:
    rule: RunAsAny
`,
    },
    {
      name: 'extensions/v1beta1, flow style',
      code: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {privileged: true, volumes: ['*']}
`,
      errors: [{ messageId: 'privileged', range: [3, 7, 3, 23] }],
      output: `apiVersion: extensions/v1beta1
kind: PodSecurityPolicy
metadata: {name: old}
spec: {privileged: false, volumes: ['*']}
`,
    },
  ],
});
