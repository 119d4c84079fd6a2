import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pod-level runAsUser covers init, regular and ephemeral containers', code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
` },
    { name: 'every container sets its own (a low id is run-as-low-uid\'s concern)', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {runAsUser: 10001}
        - name: side
          image: envoy:1.30
          securityContext:
            runAsUser: 1000
` },
    { name: 'a pod in its own user namespace shares no ids with the node', code: `apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27
` },
    { name: 'Windows pods name their user with windowsOptions', code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
    { name: 'objects without a pod spec', code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
` },
  ],
  invalid: [
    {
      name: 'nothing set: each container is reported on its name, or on its securityContext when it has one',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsGroup: 10001
      containers:
        - name: app
          image: nginx:1.27
        - name: side
          image: envoy:1.30
          securityContext:
            runAsNonRoot: true
`,
      errors: [
        { messageId: 'unset', range: [10, 10, 10, 19] },
        { messageId: 'unset', range: [14, 10, 14, 25] },
      ],
      output: null,
    },
    {
      name: 'CronJob: one container overrides, the init container does not',
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
          initContainers:
            - name: prep
              image: busybox:1.36
          containers:
            - name: job
              image: example/report:2.1
              securityContext:
                runAsUser: 20000
`,
      errors: [
        { messageId: 'unset', range: [12, 14, 12, 24] },
      ],
      output: null,
    },
    {
      name: 'hostUsers: true is the default, not a user namespace',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: true
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'unset', range: [7, 6, 7, 15] },
      ],
      output: null,
    },
  ],
});
