import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "every baseline capability may be added", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
` },
    { name: "dropping is never dangerous; pod-level capabilities are not a field", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    capabilities: {add: [SYS_ADMIN]}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          drop: [ALL, SYS_ADMIN]
` },
  ],
  invalid: [
    {
      name: "init, regular and ephemeral containers; block and flow lists",
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
          securityContext:
            capabilities:
              add:
                - NET_ADMIN
              drop:
                - ALL
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              add:
                - SYS_ADMIN
                - NET_BIND_SERVICE
                - SYS_PTRACE
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext: {capabilities: {add: [ALL, CHOWN]}}
`,
      errors: [
        { messageId: 'breaksIsolation', range: [13, 18, 13, 27], severity: 'error' },
        { messageId: 'breaksIsolation', range: [22, 18, 22, 27], severity: 'error' },
        { messageId: 'breaksIsolation', range: [24, 18, 24, 28], severity: 'error' },
        { messageId: 'breaksIsolation', range: [28, 49, 28, 52], severity: 'error' },
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
            capabilities:
              add:
              drop:
                - ALL
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              add:
                - NET_BIND_SERVICE
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext: {capabilities: {add: [CHOWN]}}
`,
    },
    {
      name: "names are exact: lower case and the CAP_ prefix are outside the baseline set; Windows pods are not exempt",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  os: {name: windows}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [chown, CAP_CHOWN]
`,
      errors: [
        { messageId: 'dangerous', range: [11, 16, 11, 21], severity: 'warning', message: 'Pod web: container "app" adds capability chown, which is outside the Pod Security baseline set.' },
        { messageId: 'dangerous', range: [11, 23, 11, 32] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  os: {name: windows}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities:
          add: []
`,
    },
    {
      name: "CronJob in a List; an anchored add list shared by alias; YAML 1.1 \"yes\" next to it",
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
                    privileged: yes
                    capabilities:
                      add: &adds
                        - NET_RAW
                - name: helper
                  image: busybox:1.36
                  securityContext:
                    capabilities:
                      add: *adds
`,
      errors: [
        { messageId: 'dangerous', range: [20, 26, 20, 33], severity: 'warning' },
        { messageId: 'dangerous', range: [20, 26, 20, 33] },
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
                    privileged: yes
                    capabilities:
                      add: &adds
                - name: helper
                  image: busybox:1.36
                  securityContext:
                    capabilities:
                      add: *adds
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
      {"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"add": ["SYS_MODULE", "CHOWN"]}}}
    ]
  }
}
`,
      errors: [
        { messageId: 'breaksIsolation', range: [6, 90, 6, 102], severity: 'error' },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"add": ["CHOWN"]}}}
    ]
  }
}
`,
    },
  ],
});
