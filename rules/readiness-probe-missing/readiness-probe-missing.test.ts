import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "every long-running container has the probe; init and ephemeral containers are not judged",
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
        - name: proxy
          image: example.com/proxy:1.0
          restartPolicy: Always
          readinessProbe:
            tcpSocket: {port: 15001}
      containers:
        - name: app
          image: example.com/app:1.0
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
    },
    {
      name: "Jobs and CronJobs run to completion",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: busybox:1.36}]
`,
    },
    {
      name: "a bare Pod with restartPolicy Never runs to completion",
      code: `apiVersion: v1
kind: Pod
metadata: {name: task}
spec:
  restartPolicy: Never
  containers:
    - name: task
      image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: "Deployment container without the probe (the other probe does not count)",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: example.com/app:1.0
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
        - image: example.com/metrics:0.3
          name: metrics
`,
      errors: [
        { messageId: 'missing', range: [8, 10, 8, 19] },
        { messageId: 'missing', range: [13, 10, 13, 23] },
      ],
      output: null,
    },
    {
      name: "sidecar init container (restartPolicy: Always) in a StatefulSet",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      initContainers:
        - name: init-perms
          image: busybox:1.36
        - name: log-forwarder
          image: example.com/forwarder:2.0
          restartPolicy: Always
      containers:
        - name: db
          image: postgres:16
          readinessProbe:
            exec: {command: [pg_isready]}
`,
      errors: [
        { messageId: 'sidecar', range: [11, 10, 11, 29] },
      ],
      output: null,
    },
    {
      name: "JSON Pod with the default restartPolicy",
      code: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
 "spec": {"restartPolicy": "Always", "containers": [{"name": "c", "image": "nginx:1.27", "readinessProbe": null}]}}
`,
      errors: [
        { messageId: 'missing', range: [1, 89, 1, 111] },
      ],
      output: null,
    },
    {
      name: "kind: List with a DaemonSet, a ReplicationController and a PodTemplate; containers through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: ds}
    spec:
      template:
        spec:
          containers: &ctrs
            - name: agent
              image: example.com/agent:1.0
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers: *ctrs
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        containers: [{name: app, image: x:1}]
`,
      errors: [
        { messageId: 'missing', range: [10, 14, 10, 25] },
        { messageId: 'missing', range: [10, 14, 10, 25] },
        { messageId: 'missing', range: [24, 22, 24, 31] },
      ],
      output: null,
    },
  ],
});
