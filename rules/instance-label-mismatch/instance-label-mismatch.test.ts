import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'matches', code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app.kubernetes.io/instance: web}
spec:
  containers: [{name: app, image: "nginx:1.27"}]
` },
    { name: 'generateName only', code: `apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: app, image: "busybox:1.36"}]
` },
  ],
  invalid: [
    {
      name: 'differs',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/instance: api
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [{ messageId: 'mismatch', range: [5, 4, 5, 35] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/instance: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
    },
    {
      name: 'missing, with other labels; a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  labels:
    team: data
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'missing', range: [4, 2, 4, 8] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  labels:
    team: data
    app.kubernetes.io/instance: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
`,
    },
  ],
});
