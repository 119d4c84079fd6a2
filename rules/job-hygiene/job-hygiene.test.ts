import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'Forbid and a TTL; a Job owned by a CronJob', code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: job, image: "busybox:1.36"}]}}}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {ttlSecondsAfterFinished: 3600, template: {spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}}}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: report-28391
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, uid: "1", controller: true}]
spec: {template: {spec: {restartPolicy: Never, containers: [{name: job, image: "busybox:1.36"}]}}}
` },
  ],
  invalid: [
    {
      name: 'overlapping runs and no TTL',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: "busybox:1.36"}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'concurrency', range: [4, 0, 4, 4] },
        { messageId: 'ttl', range: [18, 0, 18, 4] },
      ],
      output: null,
    },
  ],
});
