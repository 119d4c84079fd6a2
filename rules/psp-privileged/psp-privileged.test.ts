import rule from '.';
import { ruleTester } from '../../test/rule-tester';

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
