import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'two or more replicas; an autoscaler owns the count; scaled to zero', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 3, template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec: {template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec: {scaleTargetRef: {kind: Deployment, name: api}, minReplicas: 2, maxReplicas: 5}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: off}
spec: {replicas: 0, template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}}
` },
  ],
  invalid: [
    {
      name: 'one replica, and none written',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers: [{name: db, image: "postgres:16"}]
`,
      errors: [
        { messageId: 'few', range: [5, 2, 5, 13] },
        { messageId: 'unset', range: [14, 0, 14, 4] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers: [{name: db, image: "postgres:16"}]
  replicas: 2
`,
    },
  ],
});
