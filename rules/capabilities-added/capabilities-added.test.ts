import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'drops only, empty add, no securityContext, Windows pod', code: `apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: []
          drop: [ALL]
    - name: plain
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        capabilities: {add: [NET_ADMIN]}
` },
  ],
  invalid: [
    {
      name: 'NET_BIND_SERVICE too; init container in a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext:
                capabilities:
                  add: [CHOWN, FOWNER]
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  drop: [ALL]
                  add:
                    - NET_BIND_SERVICE
`,
      errors: [{ messageId: 'added', range: [15, 18, 15, 38] }, { messageId: 'added', range: [22, 18, 22, 21] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext:
                capabilities:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  drop: [ALL]
`,
    },
  ],
});
