import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'set; v1beta1 has no such field', code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: a}
spec: {maxUnavailable: 1, unhealthyPodEvictionPolicy: IfHealthyBudget, selector: {matchLabels: {app: a}}}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: b}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: b}}}
` },
  ],
  invalid: [
    {
      name: 'unset',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
      errors: [{ messageId: 'unset', range: [4, 0, 4, 4] }],
      output: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
  unhealthyPodEvictionPolicy: AlwaysAllow
`,
    },
  ],
});
