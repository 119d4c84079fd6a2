import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "pod and containers each decide something", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
` },
  ],
  invalid: [
    {
      name: "nothing at all in a Job, and an empty container securityContext",
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait
          image: busybox:1.36
          securityContext: {}
      containers:
        - name: migrate
          image: example.com/migrate:1.0
`,
      errors: [
        { messageId: 'pod', range: [6, 4, 6, 8] },
        { messageId: 'container', range: [11, 10, 11, 29] },
        { messageId: 'container', range: [13, 10, 13, 23] },
      ],
      output: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait
          image: busybox:1.36
          securityContext: {allowPrivilegeEscalation: false}
      containers:
        - name: migrate
          image: example.com/migrate:1.0
          securityContext:
            allowPrivilegeEscalation: false
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
    },
  ],
});
