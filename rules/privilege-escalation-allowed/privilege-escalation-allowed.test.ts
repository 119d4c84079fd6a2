import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "every container sets allowPrivilegeEscalation: false", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        allowPrivilegeEscalation: false
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {allowPrivilegeEscalation: false}
` },
    { name: "YAML 1.1 \"no\" is false", code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: no
` },
    { name: "Windows pods are exempt", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
    { name: "not a pod-spec carrier", code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  containers: none
` },
  ],
  invalid: [
    {
      name: "missing securityContext is created; existing map gets the key at its indentation",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
              runAsUser: 1000 # four-space map
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            allowPrivilegeEscalation: true
`,
      errors: [
        { messageId: 'allowed', range: [8, 10, 8, 20] },
        { messageId: 'allowed', range: [13, 10, 13, 25] },
        { messageId: 'allowed', range: [19, 12, 19, 42] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            allowPrivilegeEscalation: false
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
              runAsUser: 1000 # four-space map
              allowPrivilegeEscalation: false
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            allowPrivilegeEscalation: false
`,
    },
    {
      name: "pod-level allowPrivilegeEscalation is not inherited (container-only field)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    allowPrivilegeEscalation: false
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsNonRoot: false
`,
      errors: [
        { messageId: 'allowed', range: [11, 6, 11, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    allowPrivilegeEscalation: false
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsNonRoot: false
        allowPrivilegeEscalation: false
`,
    },
    {
      name: "YAML 1.1 booleans and flow-style securityContext",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext: {runAsUser: 1000, allowPrivilegeEscalation: on}
    - name: b
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: yes
    - name: c
      image: nginx:1.27
      securityContext: {}
`,
      errors: [
        { messageId: 'allowed', range: [8, 41, 8, 69] },
        { messageId: 'allowed', range: [12, 8, 12, 37] },
        { messageId: 'allowed', range: [15, 6, 15, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false}
    - name: b
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
    - name: c
      image: nginx:1.27
      securityContext: {allowPrivilegeEscalation: false}
`,
    },
    {
      name: "CronJob inside a List, with an anchored securityContext shared by alias",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: job
                  image: busybox:1.36
                  securityContext: &sc
                    readOnlyRootFilesystem: true
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
      errors: [
        { messageId: 'allowed', range: [16, 18, 16, 33] },
        { messageId: 'allowed', range: [20, 18, 20, 33] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: job
                  image: busybox:1.36
                  securityContext: &sc
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
    },
    {
      name: "JSON manifest",
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27", "securityContext": {"runAsUser": 1000}},
      {"name": "side", "image": "envoy:1.30", "securityContext": {"allowPrivilegeEscalation": true}}
    ]
  }
}
`,
      errors: [
        { messageId: 'allowed', range: [6, 45, 6, 62] },
        { messageId: 'allowed', range: [7, 66, 7, 98] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27", "securityContext": {"runAsUser": 1000, "allowPrivilegeEscalation": false}},
      {"name": "side", "image": "envoy:1.30", "securityContext": {"allowPrivilegeEscalation": false}}
    ]
  }
}
`,
    },
    {
      name: "no fix next to privileged: true or an added CAP_SYS_ADMIN (the API server would reject it)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        privileged: true
    - name: b
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [CAP_SYS_ADMIN]
`,
      errors: [
        { messageId: 'allowed', range: [8, 6, 8, 21] },
        { messageId: 'allowed', range: [12, 6, 12, 21] },
      ],
      output: null,
    },
  ],
});
