import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "b:1"}], restartPolicy: Never}}}}
`,
    { name: 'not yet deprecated for the configured version', options: { kubernetesVersion: '1.20' }, code: `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly}
spec: {}
` },
  ],
  invalid: [
    {
      name: 'removed workload API, with the replacement as a fix',
      code: `apiVersion: extensions/v1beta1 # old
kind: Deployment
metadata: {name: web}
spec: {}
`,
      errors: [{ messageId: 'removed', range: [0, 0, 0, 30] }],
      output: `apiVersion: apps/v1 # old
kind: Deployment
metadata: {name: web}
spec: {}
`,
    },
    {
      name: 'deprecated but not yet removed for the configured version',
      options: { kubernetesVersion: '1.23' },
      code: `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1}
`,
      errors: [{ messageId: 'deprecated', range: [0, 0, 0, 26] }],
      output: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1}
`,
    },
    {
      name: 'PodSecurityPolicy has no replacement',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: restricted}
spec: {privileged: false}
`,
      errors: [{ messageId: 'removedNoReplacement', range: [0, 0, 0, 26] }],
      output: null,
    },
    {
      name: 'inside a kind: List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: "rbac.authorization.k8s.io/v1beta1"
    kind: ClusterRole
    metadata: {name: reader}
    rules: []
`,
      errors: [{ messageId: 'removed', range: [3, 4, 3, 51] }],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader}
    rules: []
`,
    },
  ],
});
