import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'matching selectors; a patch without selector', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchExpressions: [{key: app, operator: In, values: [web, www]}]
  template:
    metadata: {labels: {app: web, version: v2}}
    spec: {containers: [{name: app, image: "nginx:1.27"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: patch-only}
spec:
  template:
    spec: {containers: [{name: app, resources: {limits: {memory: 1Gi}}}]}
` },
  ],
  invalid: [
    {
      name: 'Deployment and ReplicationController',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
      tier: front
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  selector: {app: legacy}
  template:
    metadata: {labels: {app: old}}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [
        { messageId: 'mismatch', range: [5, 2, 5, 10] },
        { messageId: 'mismatch', range: [22, 2, 22, 25] },
      ],
      output: null,
    },
  ],
});
