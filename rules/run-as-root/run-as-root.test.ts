import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "pod-level runAsNonRoot: true is inherited by init, regular and ephemeral containers", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
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
    { name: "every container sets it (YAML 1.1 \"yes\"), pod sets nothing", code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {runAsNonRoot: yes, runAsUser: 1000}
        - name: side
          image: envoy:1.30
          securityContext:
            runAsNonRoot: true
` },
    { name: "Windows pods are checked too, and pass with runAsNonRoot", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
    { name: "outside pss-restricted a non-zero runAsUser satisfies it, on the container or inherited from the pod", code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tap
spec:
  template:
    spec:
      securityContext:
        runAsUser: 1000
      containers:
        - name: tap
          image: cr.l5d.io/linkerd/controller:stable
          securityContext:
            runAsUser: 2102
        - name: side
          image: envoy:1.30
` },
  ],
  invalid: [
    {
      name: "outside pss-restricted: only containers with neither runAsNonRoot: true nor a non-zero UID are reported, at the pod's false",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tap
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: false
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            runAsUser: 2102
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [
        { messageId: 'mayRunAsRoot', range: [8, 8, 8, 27] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tap
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            runAsUser: 2102
      containers:
        - name: app
          image: nginx:1.27
`,
    },
    {
      name: "outside pss-restricted: an explicit runAsUser: 0 is reported once, as such",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: root
spec:
  securityContext: {runAsUser: 1000}
  containers:
    - name: root
      image: busybox:1.36
      securityContext: {runAsUser: 0}
`,
      errors: [
        { messageId: 'runAsUserRoot', range: [9, 24, 9, 36] },
      ],
      output: null,
    },
    {
      name: "pss-restricted keeps the Pod Security verdict: a non-zero runAsUser without runAsNonRoot is reported",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: tap
spec:
  containers:
    - name: tap
      image: cr.l5d.io/linkerd/controller:stable
      securityContext:
        runAsUser: 2102
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [8, 6, 8, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: tap
spec:
  containers:
    - name: tap
      image: cr.l5d.io/linkerd/controller:stable
      securityContext:
        runAsUser: 2102
  securityContext:
    runAsNonRoot: true
`,
    },
    {
      name: "nothing forces non-root: the pod securityContext is created",
      options: { requireRunAsNonRoot: true },
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
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [8, 10, 8, 20] },
        { messageId: 'runAsNonRoot', range: [11, 10, 11, 19] },
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
      containers:
        - name: app
          image: nginx:1.27
      securityContext:
        runAsNonRoot: true
`,
    },
    {
      name: "the key is added to an existing pod securityContext at its indentation",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
      fsGroup: 2000
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        readOnlyRootFilesystem: true
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [10, 6, 10, 21] },
        { messageId: 'runAsNonRoot', range: [13, 6, 13, 17] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
      fsGroup: 2000
      runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        readOnlyRootFilesystem: true
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
`,
    },
    {
      name: "a container that overrides the pod with false (YAML 1.1 \"off\") is fixed on the container",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
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
        runAsNonRoot: off
    - name: side
      image: envoy:1.30
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [11, 8, 11, 25] },
      ],
      output: `apiVersion: v1
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
        runAsNonRoot: true
    - name: side
      image: envoy:1.30
`,
    },
    {
      name: "pod-level false is reported once, and still counts when every container overrides it",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext: {runAsNonRoot: false}
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: true}
`,
      errors: [
        { messageId: 'podRunAsNonRootFalse', range: [5, 20, 5, 39] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext: {runAsNonRoot: true}
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: true}
`,
    },
    {
      name: "runAsUser: 0 at pod and container level has no fix",
      options: { requireRunAsNonRoot: true },
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
          securityContext:
            runAsNonRoot: true
            runAsUser: 0
          containers:
            - name: job
              image: busybox:1.36
              securityContext: {runAsUser: 0}
            - name: other
              image: busybox:1.36
              securityContext:
                runAsUser: 1000
`,
      errors: [
        { messageId: 'podRunAsUserRoot', range: [12, 12, 12, 24] },
        { messageId: 'runAsUserRoot', range: [16, 32, 16, 44] },
      ],
      output: null,
    },
    {
      name: "List item with an alias: both containers share the anchored securityContext",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      template:
        spec:
          containers:
            - name: db
              image: postgres:16
              securityContext: &sc
                runAsNonRoot: false
            - name: exporter
              image: exporter:1.0
              securityContext: *sc
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [14, 16, 14, 35] },
        { messageId: 'runAsNonRoot', range: [14, 16, 14, 35] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      template:
        spec:
          containers:
            - name: db
              image: postgres:16
              securityContext: &sc
                runAsNonRoot: true
            - name: exporter
              image: exporter:1.0
              securityContext: *sc
`,
    },
    {
      name: "JSON manifest",
      options: { requireRunAsNonRoot: true },
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "securityContext": {"fsGroup": 2000},
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ]
  }
}
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [7, 7, 7, 20] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "securityContext": {"fsGroup": 2000, "runAsNonRoot": true},
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ]
  }
}
`,
    },
    {
      name: "hostUsers: false does not relax the check (Kubernetes v1.37 admission)",
      options: { requireRunAsNonRoot: true },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'runAsNonRoot', range: [7, 6, 7, 15] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27
  securityContext:
    runAsNonRoot: true
`,
    },
  ],
});
