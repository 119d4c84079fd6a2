import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "drop ALL and add only NET_BIND_SERVICE, in init, regular and ephemeral containers", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        capabilities: {drop: [ALL]}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          drop:
            - ALL
          add:
            - NET_BIND_SERVICE
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext: {capabilities: {drop: ["ALL"]}}
` },
    { name: "adds outside the baseline set are left to dangerous-capabilities", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          drop: [ALL]
          add: [SYS_ADMIN, NET_RAW, chown]
` },
    { name: "Windows pods are exempt", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
  ],
  invalid: [
    {
      name: "missing drop: created with the securityContext, inserted into an existing map, appended to a list",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        capabilities:
          drop: [ALL]
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
        - name: side
          image: envoy:1.30
          securityContext:
            capabilities:
              drop:
                - NET_RAW
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            capabilities: {}
`,
      errors: [
        { messageId: 'dropAllMissing', range: [11, 10, 11, 20] },
        { messageId: 'dropAllMissing', range: [16, 10, 16, 25] },
        { messageId: 'dropAllMissing', range: [22, 14, 22, 18] },
        { messageId: 'dropAllMissing', range: [28, 12, 28, 24] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        capabilities:
          drop: [ALL]
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            capabilities:
              drop: [ALL]
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
        - name: side
          image: envoy:1.30
          securityContext:
            capabilities:
              drop:
                - NET_RAW
                - ALL
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            capabilities: {drop: [ALL]}
`,
    },
    {
      name: "drop is case-sensitive; baseline-allowed adds other than NET_BIND_SERVICE are removed",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {capabilities: {drop: [all], add: [CHOWN, NET_BIND_SERVICE]}}
    - name: side
      image: envoy:1.30
      securityContext:
        capabilities:
          drop: [ALL]
          add:
            - SETUID
`,
      errors: [
        { messageId: 'dropAllMissing', range: [8, 39, 8, 50] },
        { messageId: 'addNotAllowed', range: [8, 58, 8, 63] },
        { messageId: 'addNotAllowed', range: [15, 14, 15, 20] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {capabilities: {drop: [all, ALL], add: [NET_BIND_SERVICE]}}
    - name: side
      image: envoy:1.30
      securityContext:
        capabilities:
          drop: [ALL]
          add:
`,
    },
    {
      name: "CronJob in a List with an aliased capabilities map and YAML 1.1 booleans around it",
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
                  securityContext:
                    privileged: no
                    capabilities: &caps
                      drop:
                        - NET_RAW
                - name: helper
                  image: busybox:1.36
                  securityContext:
                    allowPrivilegeEscalation: off
                    capabilities: *caps
`,
      errors: [
        { messageId: 'dropAllMissing', range: [19, 22, 19, 26] },
        { messageId: 'dropAllMissing', range: [19, 22, 19, 26] },
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
                  securityContext:
                    privileged: no
                    capabilities: &caps
                      drop:
                        - NET_RAW
                        - ALL
                - name: helper
                  image: busybox:1.36
                  securityContext:
                    allowPrivilegeEscalation: off
                    capabilities: *caps
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
      {"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}},
      {"name": "side", "image": "envoy:1.30", "securityContext": {"runAsNonRoot": true}}
    ]
  }
}
`,
      errors: [
        { messageId: 'dropAllMissing', range: [6, 82, 6, 101] },
        { messageId: 'dropAllMissing', range: [7, 46, 7, 63] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["NET_RAW", "ALL"]}}},
      {"name": "side", "image": "envoy:1.30", "securityContext": {"runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}}}
    ]
  }
}
`,
    },
  ],
});
