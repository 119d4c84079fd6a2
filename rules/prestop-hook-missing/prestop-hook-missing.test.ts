import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'preStop set; Jobs and bare Pods are not judged', code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          lifecycle:
            preStop: {exec: {command: ["/bin/sh", "-c", "sleep 5"]}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}}}
` },
  ],
  invalid: [
    {
      name: 'lifecycle without preStop, and no lifecycle; init containers skipped',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          lifecycle:
            postStart: {exec: {command: ["true"]}}
        - name: side
          image: envoyproxy/envoy:v1.31.0
`,
      errors: [
        { messageId: 'missing', range: [13, 10, 13, 19] },
        { messageId: 'missing', range: [15, 10, 15, 20] },
      ],
      output: null,
    },
  ],
});
