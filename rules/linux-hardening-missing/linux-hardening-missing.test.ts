import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'each kind of hardening', code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/b: runtime/default
spec:
  securityContext:
    seLinuxOptions: {level: "s0:c123,c456"}
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: caps}
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext: {capabilities: {drop: [NET_RAW]}}
    - name: b
      image: nginx:1.27
      securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}
` },
    { name: 'Windows pod', code: `apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: a, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
` },
  ],
  invalid: [
    {
      name: 'override to Unconfined, ALL added back, empty SELinux options, misnamed AppArmor annotation',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/other: runtime/default
    spec:
      securityContext:
        seccompProfile: {type: RuntimeDefault}
        seLinuxOptions: {}
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            seccompProfile: {type: Unconfined}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: Unconfined
            capabilities: {drop: [ALL], add: [all]}
`,
      errors: [
        { messageId: 'none', range: [14, 10, 14, 20] },
        { messageId: 'none', range: [19, 10, 19, 19] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/other: runtime/default
    spec:
      securityContext:
        seccompProfile: {type: RuntimeDefault}
        seLinuxOptions: {}
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: RuntimeDefault
            capabilities: {drop: [ALL], add: [all]}
`,
    },
    {
      name: 'no securityContext at all, in a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: busybox:1.36
`,
      errors: [{ messageId: 'none', range: [12, 14, 12, 26] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: busybox:1.36
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
`,
    },
  ],
});
