import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "every container is read-only (YAML 1.1 \"on\" is true)", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext: {readOnlyRootFilesystem: on}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        readOnlyRootFilesystem: true
` },
    { name: "Windows pods cannot set the field and are skipped", code: `apiVersion: v1
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
  ],
  invalid: [
    {
      name: "init, regular and ephemeral containers: created, inserted at the map indentation, replaced",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: agent
          image: agent:2.1
          securityContext:
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            readOnlyRootFilesystem: false
`,
      errors: [
        { messageId: 'writable', range: [8, 10, 8, 20] },
        { messageId: 'writable', range: [13, 10, 13, 25] },
        { messageId: 'writable', range: [21, 12, 21, 41] },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            readOnlyRootFilesystem: true
      containers:
        - name: agent
          image: agent:2.1
          securityContext:
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
            readOnlyRootFilesystem: true
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            readOnlyRootFilesystem: true
`,
    },
    {
      name: "pod-level readOnlyRootFilesystem is not inherited; YAML 1.1 \"no\" and a flow map",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    readOnlyRootFilesystem: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: no}
    - name: side
      image: envoy:1.30
      securityContext: {runAsNonRoot: true}
`,
      errors: [
        { messageId: 'writable', range: [10, 44, 10, 70] },
        { messageId: 'writable', range: [13, 6, 13, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    readOnlyRootFilesystem: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
    - name: side
      image: envoy:1.30
      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
`,
    },
    {
      name: "CronJob in a List with an aliased securityContext",
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
                    allowPrivilegeEscalation: false
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
      errors: [
        { messageId: 'writable', range: [16, 18, 16, 33] },
        { messageId: 'writable', range: [20, 18, 20, 33] },
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
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
    },
    {
      name: "JSON manifest",
      code: `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {"template": {"spec": {"containers": [
    {"name": "app", "image": "nginx:1.27"}
  ]}}}
}
`,
      errors: [
        { messageId: 'writable', range: [5, 5, 5, 18] },
      ],
      output: `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {"template": {"spec": {"containers": [
    {"name": "app", "image": "nginx:1.27", "securityContext": {"readOnlyRootFilesystem": true}}
  ]}}}
}
`,
    },
  ],
});
