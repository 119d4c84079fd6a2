import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a budget in the same namespace', code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 3
  serviceName: db
  template:
    metadata: {labels: {app: db, role: primary}}
    spec: {containers: [{name: db, image: "postgres:16"}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchExpressions: [{key: app, operator: In, values: [db]}]}}
` },
  ],
  invalid: [
    {
      name: 'the only budget is in another namespace',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: other
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
`,
      errors: [
        { messageId: 'missing', range: [3, 2, 3, 11] },
      ],
      output: null,
    },
  ],
});
