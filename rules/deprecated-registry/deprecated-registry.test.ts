import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'registry.k8s.io', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: a, image: "registry.k8s.io/kubectl:v1.30.0"}]}
` },
  ],
  invalid: [
    {
      name: 'plain and regional k8s.gcr.io',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: kubectl
              image: k8s.gcr.io/kubectl:v1.26.0 # pinned
            - name: dns
              image: "eu.k8s.gcr.io/coredns/coredns:v1.9.3"
`,
      errors: [
        { messageId: 'frozen', range: [13, 14, 13, 47] },
        { messageId: 'frozen', range: [15, 14, 15, 59] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: kubectl
              image: registry.k8s.io/kubectl:v1.26.0 # pinned
            - name: dns
              image: registry.k8s.io/coredns/coredns:v1.9.3
`,
    },
  ],
});
