import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "a memory limit on every container and init container; no CPU limit is needed by default; ephemeral containers cannot have resources",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: example.com/migrate:1.0
          resources:
            limits: {memory: 256Mi}
      containers:
        - name: app
          image: example.com/app:1.0
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 512Mi
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
    },
    {
      name: "limits from a merge key, CPU required",
      options: {requireCpuLimit: true},
      code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: x:1
      resources:
        limits:
          <<: {cpu: 250m, memory: 64Mi}
`,
    },
  ],
  invalid: [
    {
      name: "no resources at all: one finding on the container name naming the requests too; the fix adds both blocks",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'memory', range: [6, 6, 6, 15], message: "Pod web: container \"app\" has no memory limit and no CPU or memory request." }, // fix review: Add resources (limits memory: 512Mi; requests cpu: 100m, memory: 128Mi; size them from observed usage)
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: {memory: 512Mi}
        requests: {cpu: 100m, memory: 128Mi}
`,
    },
    {
      name: "no resources at all with requireCpuLimit (profile all): one finding naming both",
      options: {requireCpuLimit: true},
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'both', range: [6, 6, 6, 15], message: "Pod web: container \"app\" has no CPU and no memory limit and no CPU or memory request." }, // fix review: Add resources (limits cpu: 500m, memory: 512Mi; requests cpu: 100m, memory: 128Mi; ...)
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: {cpu: 500m, memory: 512Mi}
        requests: {cpu: 100m, memory: 128Mi}
`,
    },
    {
      name: "an empty flow resources map: one finding on resources naming the requests; the fix fills the map",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources: {}
`,
      errors: [
        { messageId: 'memory', range: [8, 6, 8, 15], message: "Pod web: container \"app\" has no memory limit and no CPU or memory request." },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources: {limits: {memory: 512Mi}, requests: {cpu: 100m, memory: 128Mi}}
`,
    },
    {
      name: "resources with claims only: the message names the requests, the fix adds the limits (the requests get their own finding after)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        claims:
          - name: gpu
`,
      errors: [
        { messageId: 'memory', range: [8, 6, 8, 15], message: "Pod web: container \"app\" has no memory limit and no CPU or memory request." },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        claims:
          - name: gpu
        limits: {memory: 512Mi}
`,
    },
    {
      name: "requests only: reported on resources, the limit is the request; a CPU limit alone is reported only when required",
      options: {requireCpuLimit: true},
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
        - image: example.com/exporter:0.15
          name: exporter
          resources:
            limits:
              memory: 64Mi
            requests:
              cpu: 10m
`,
      errors: [
        { messageId: 'both', range: [11, 10, 11, 19], message: "StatefulSet db: container \"db\" has no CPU and no memory limit." }, // fix review: Add resources.limits.cpu and memory (cpu: 500m, memory: 1Gi; size it from observed usage)
        { messageId: 'cpu', range: [18, 12, 18, 18], message: "StatefulSet db: container \"exporter\" has no CPU limit." }, // fix review: Add resources.limits.cpu (cpu: 10m; size it from observed usage)
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits: {cpu: 500m, memory: 1Gi}
        - image: example.com/exporter:0.15
          name: exporter
          resources:
            limits:
              memory: 64Mi
              cpu: 10m
            requests:
              cpu: 10m
`,
    },
    {
      name: "requests only, default options: only the memory limit is asked for",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
        - image: example.com/exporter:0.15
          name: exporter
          resources:
            limits:
              memory: 64Mi
            requests:
              cpu: 10m
`,
      errors: [
        { messageId: 'memory', range: [11, 10, 11, 19], message: "StatefulSet db: container \"db\" has no memory limit." }, // fix review: Add resources.limits.memory (memory: 1Gi; size it from observed usage)
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      containers:
        - name: db
          image: postgres:16
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits: {memory: 1Gi}
        - image: example.com/exporter:0.15
          name: exporter
          resources:
            limits:
              memory: 64Mi
            requests:
              cpu: 10m
`,
    },
    {
      name: "init container of a CronJob, empty limit values",
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
          restartPolicy: OnFailure
          initContainers:
            - name: fetch
              image: busybox:1.36
              resources: {limits: {cpu: "", memory: ~}}
          containers:
            - name: job
              image: busybox:1.36
              resources:
                limits: {cpu: 100m, memory: 64Mi}
`,
      errors: [
        { messageId: 'memory', range: [14, 26, 14, 54], message: "CronJob nightly: container \"fetch\" has no memory limit." }, // fix review: Add resources.limits.memory (memory: 512Mi; size it from observed usage)
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: fetch
              image: busybox:1.36
              resources: {limits: {cpu: "", memory: 512Mi}}
          containers:
            - name: job
              image: busybox:1.36
              resources:
                limits: {cpu: 100m, memory: 64Mi}
`,
    },
    {
      name: "JSON DaemonSet and a kind: List with resources shared through an anchor",
      code: `{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds"},
 "spec": {"template": {"spec": {"containers": [{"name": "agent", "image": "x:1", "resources": {"requests": {"cpu": "10m"}}}]}}}}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers:
            - name: a
              image: x:1
              resources: &res
                requests: {cpu: 10m}
            - name: b
              image: x:1
              resources: *res
`,
      errors: [
        { messageId: 'memory', range: [1, 81, 1, 92], message: "DaemonSet ds: container \"agent\" has no memory limit." }, // fix review: Add resources.limits.memory (memory: 512Mi; size it from observed usage)
        { messageId: 'memory', range: [15, 14, 15, 23], message: "ReplicationController rc: container \"a\" has no memory limit." }, // fix review: Add resources.limits.memory (memory: 512Mi; size it from observed usage)
        { messageId: 'memory', range: [19, 14, 19, 23], message: "ReplicationController rc: container \"b\" has no memory limit." }, // fix review: Add resources.limits.memory (memory: 512Mi; size it from observed usage)
      ],
      output: `{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds"},
 "spec": {"template": {"spec": {"containers": [{"name": "agent", "image": "x:1", "resources": {"requests": {"cpu": "10m"}, "limits": {"memory": "512Mi"}}}]}}}}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers:
            - name: a
              image: x:1
              resources: &res
                requests: {cpu: 10m}
                limits: {memory: 512Mi}
            - name: b
              image: x:1
              resources: *res
`,
    },
  ],
});
