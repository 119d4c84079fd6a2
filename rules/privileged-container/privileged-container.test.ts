import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: false
`,
    { name: 'privileged in a string is not privileged', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {privileged: "true"}
` },
  ],
  invalid: [
    {
      name: 'Deployment container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true # needed? no
`,
      errors: [{ messageId: 'privileged', range: [11, 12, 11, 28] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: false # needed? no
`,
    },
    {
      name: 'YAML 1.1 boolean in a CronJob init container',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext: {privileged: yes}
          containers:
            - name: job
              image: busybox:1.36
`,
      errors: [{ messageId: 'privileged', range: [13, 32, 13, 47] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext: {privileged: false}
          containers:
            - name: job
              image: busybox:1.36
`,
    },
  ],
});
