import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "limits on every container and init container; ephemeral containers cannot have resources",
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
            limits: {cpu: 500m, memory: 256Mi}
      containers:
        - name: app
          image: example.com/app:1.0
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 512Mi
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
    },
    {
      name: "limits from a merge key",
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
      name: "requests only: reported on resources; one limit missing: reported on limits",
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
        { messageId: 'cpu', range: [11, 10, 11, 19] },
        { messageId: 'memory', range: [11, 10, 11, 19] },
        { messageId: 'cpu', range: [18, 12, 18, 18] },
      ],
      output: null,
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
        { messageId: 'cpu', range: [14, 35, 14, 42] },
        { messageId: 'memory', range: [14, 44, 14, 53] },
      ],
      output: null,
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
                limits: {memory: 128Mi}
            - name: b
              image: x:1
              resources: *res
`,
      errors: [
        { messageId: 'cpu', range: [1, 81, 1, 92] },
        { messageId: 'memory', range: [1, 81, 1, 92] },
        { messageId: 'cpu', range: [16, 16, 16, 22] },
        { messageId: 'cpu', range: [16, 16, 16, 22] },
      ],
      output: null,
    },
  ],
});
