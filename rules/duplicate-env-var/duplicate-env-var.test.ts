import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'distinct names; the same name in two containers', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: busybox:1.36
      env: [{name: MODE, value: a}, {name: LEVEL, value: "1"}]
    - name: b
      image: busybox:1.36
      env: [{name: MODE, value: b}]
` },
  ],
  invalid: [
    {
      name: 'three LOG_LEVEL entries in a CronJob',
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
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox:1.36
              env:
                - name: LOG_LEVEL
                  value: debug
                - name: REGION
                  value: eu-west-1
                - {name: LOG_LEVEL, value: info}
                - name: LOG_LEVEL
                  value: warn
`,
      errors: [
        { messageId: 'duplicate', range: [15, 18, 15, 33] },
        { messageId: 'duplicate', range: [19, 19, 19, 34] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox:1.36
              env:
                - name: REGION
                  value: eu-west-1
                - name: LOG_LEVEL
                  value: warn
`,
    },
  ],
});
