import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "requests on every container and init container; ephemeral containers cannot have resources",
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
            requests: {cpu: 50m, memory: 64Mi}
      containers:
        - name: app
          image: example.com/app:1.0
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: "no resources at all: one finding naming both, on the container name; the fix adds the requests block",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'both', range: [6, 6, 6, 16], message: "Pod web: container \"init\" has no CPU and no memory request." }, // fix review: Add resources.requests.cpu and memory (cpu: 100m, memory: 128Mi; size it from observed usage)
        { messageId: 'both', range: [9, 6, 9, 15], message: "Pod web: container \"app\" has no CPU and no memory request." }, // fix review: Add resources.requests.cpu and memory (cpu: 100m, memory: 128Mi; size it from observed usage)
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      resources:
        requests: {cpu: 100m, memory: 128Mi}
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: {cpu: 100m, memory: 128Mi}
`,
    },
    {
      name: "limits only: Kubernetes uses them as requests; the safe fix writes them down (numbers stay numbers)",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: example.com/api:1.0
          resources:
            limits:
              cpu: 1
              memory: 256Mi
`,
      errors: [
        { messageId: 'both', range: [10, 10, 10, 19], message: "Deployment api: container \"api\" has no CPU and no memory request; Kubernetes silently uses its CPU limit (1) and memory limit (256Mi) as the request." }, // fix safe: Write the request Kubernetes already uses (cpu: 1, memory: 256Mi)
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: example.com/api:1.0
          resources:
            limits:
              cpu: 1
              memory: 256Mi
            requests: {cpu: 1, memory: 256Mi}
`,
    },
    {
      name: "one request missing in an existing requests map; the other copied from its limit",
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
          containers:
            - name: job
              image: busybox:1.36
              resources:
                requests:
                  cpu: 100m
            - name: copy
              image: busybox:1.36
              resources:
                requests:
                  cpu: ""
                  memory: 64Mi
                limits: {cpu: 200m}
`,
      errors: [
        { messageId: 'memory', range: [15, 16, 15, 24], message: "CronJob nightly: container \"job\" has no memory request." }, // fix review: Add resources.requests.memory (memory: 128Mi; size it from observed usage)
        { messageId: 'cpu', range: [20, 16, 20, 24], message: "CronJob nightly: container \"copy\" has no CPU request; Kubernetes silently uses its CPU limit (200m) as the request." }, // fix safe: Write the request Kubernetes already uses (cpu: 200m)
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
          containers:
            - name: job
              image: busybox:1.36
              resources:
                requests:
                  cpu: 100m
                  memory: 128Mi
            - name: copy
              image: busybox:1.36
              resources:
                requests:
                  cpu: 200m
                  memory: 64Mi
                limits: {cpu: 200m}
`,
    },
    {
      name: "JSON Deployment: the block is added to the flow map",
      code: `{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
 "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "x:1", "resources": {"limits": {"memory": "1Gi"}}}]}}}}
`,
      errors: [
        { messageId: 'both', range: [1, 79, 1, 90], message: "Deployment d: container \"app\" has no CPU and no memory request; Kubernetes silently uses its memory limit (1Gi) as the request." }, // fix review: Add resources.requests.cpu and memory (cpu: 100m, memory: 1Gi; size it from observed usage)
      ],
      output: `{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
 "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "x:1", "resources": {"limits": {"memory": "1Gi"}, "requests": {"cpu": "100m", "memory": "1Gi"}}}]}}}}
`,
    },
  ],
});
