import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'OnFailure and Never', code: `apiVersion: batch/v1
kind: Job
metadata: {name: a}
spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: job, image: "busybox:1.36"}]}}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: b}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}}}
` },
  ],
  invalid: [
    {
      name: 'unset in a CronJob, Always in a Job',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: "busybox:1.36"}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Always
      containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'restartPolicy', range: [9, 8, 9, 12] },
        { messageId: 'restartPolicy', range: [19, 6, 19, 27] },
      ],
      output: null,
    },
  ],
});
