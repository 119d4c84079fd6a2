import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'deadline set', code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  startingDeadlineSeconds: 300
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: job, image: "busybox:1.36"}]}}}}
` },
  ],
  invalid: [
    {
      name: 'no deadline',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'deadline', range: [4, 0, 4, 4] },
      ],
      output: null,
    },
  ],
});
