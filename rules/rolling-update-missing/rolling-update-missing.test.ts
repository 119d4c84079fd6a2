import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'rolling updates, explicit or by default', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {strategy: {type: RollingUpdate}, template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec: {serviceName: db, template: {spec: {containers: [{name: db, image: "postgres:16"}]}}}
` },
  ],
  invalid: [
    {
      name: 'Recreate and OnDelete',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  strategy:
    type: Recreate
  template:
    spec:
      containers: [{name: db, image: "postgres:16"}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  updateStrategy: {type: OnDelete}
  template:
    spec:
      containers: [{name: agent, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'recreate', range: [6, 4, 6, 18] },
        { messageId: 'onDelete', range: [16, 19, 16, 33] },
      ],
      output: null,
    },
    {
      name: 'a strategy type Kubernetes does not know',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  updateStrategy:
    type: BlueGreen
  template:
    spec:
      containers: [{name: db, image: "postgres:16"}]
`,
      errors: [
        { messageId: 'other', range: [6, 4, 6, 19] },
      ],
      output: null,
    },
  ],
});
