import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'maxUnavailable 1; minAvailable below the replicas', code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: a}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: a}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: "nginx:1.27"}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
` },
  ],
  invalid: [
    {
      name: 'zero, all, none, and as many as the replicas',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: a
spec:
  maxUnavailable: 0
  selector: {matchLabels: {app: a}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: b
spec:
  minAvailable: 100%
  selector: {matchLabels: {app: b}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: c
spec:
  selector: {matchLabels: {app: c}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
spec:
  minAvailable: 3
  selector: {matchLabels: {app: web}}
`,
      errors: [
        { messageId: 'maxZero', range: [5, 2, 5, 19] },
        { messageId: 'minAll', range: [13, 2, 13, 20] },
        { messageId: 'noPolicy', range: [20, 0, 20, 4] },
        { messageId: 'minReplicas', range: [40, 2, 40, 17] },
      ],
      output: null,
    },
    {
      name: 'more than 100%, and as many as the autoscaler minimum',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: a
spec:
  minAvailable: 150%
  selector: {matchLabels: {app: a}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector: {matchLabels: {app: web}}
`,
      errors: [
        { messageId: 'minAll', range: [5, 2, 5, 20] },
        { messageId: 'minHpa', range: [33, 2, 33, 17] },
      ],
      output: null,
    },
  ],
});
