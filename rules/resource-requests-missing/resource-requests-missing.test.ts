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
            requests: {cpu: 100m, memory: 64Mi}
      containers:
        - name: app
          image: example.com/app:1.0
          resources:
            requests:
              cpu: 0.5
              memory: 128Mi
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: "no resources at all: reported on the container name",
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
        { messageId: 'cpu', range: [6, 6, 6, 15] },
        { messageId: 'memory', range: [6, 6, 6, 15] },
      ],
      output: null,
    },
    {
      name: "limits only: Kubernetes uses the limit as the request",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: example.com/api:3.2
          resources:
            limits:
              cpu: "2"
              memory: 1Gi
            requests:
              memory: 512Mi
        - name: cache
          image: redis:7.4
          resources:
            limits: {memory: 256Mi}
`,
      errors: [
        { messageId: 'cpuFromLimit', range: [14, 12, 14, 20] },
        { messageId: 'cpu', range: [18, 10, 18, 19] },
        { messageId: 'memoryFromLimit', range: [18, 10, 18, 19] },
      ],
      output: null,
    },
    {
      name: "init container of a CronJob, null requests",
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
              resources:
                requests:
          containers:
            - name: job
              image: busybox:1.36
              resources:
                requests: {cpu: 100m, memory: 64Mi}
`,
      errors: [
        { messageId: 'cpu', range: [15, 16, 15, 24] },
        { messageId: 'memory', range: [15, 16, 15, 24] },
      ],
      output: null,
    },
    {
      name: "JSON Job in a kind: List, requests shared through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "once"},
     "spec": {"template": {"spec": {"restartPolicy": "Never",
       "containers": [{"name": "job", "image": "x:1", "resources": {"requests": {"memory": "32Mi"}}}]}}}}
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers:
            - name: a
              image: x:1
              resources:
                requests: &req {cpu: 50m}
            - name: b
              image: x:1
              resources:
                requests: *req
`,
      errors: [
        { messageId: 'cpu', range: [5, 68, 5, 78] },
        { messageId: 'memory', range: [16, 16, 16, 24] },
        { messageId: 'memory', range: [20, 16, 20, 24] },
      ],
      output: null,
    },
  ],
});
