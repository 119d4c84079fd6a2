import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'node affinity; nodeSelector', code: `apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [web]}]}]
  containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  nodeSelector: {pool: web}
  containers: [{name: app, image: "nginx:1.27"}]
` },
  ],
  invalid: [
    {
      name: 'only pod anti-affinity, in a CronJob',
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
          affinity:
            podAntiAffinity: {}
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'missing', range: [9, 8, 9, 12] }],
      output: null,
    },
  ],
});
