import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "containerPort only, and hostPort 0 (the API default)",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - containerPort: 8080
            - containerPort: 9090
              hostPort: 0
`,
    },
    {
      name: "hostPort outside containers (Service) is not read",
      code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports:
    - port: 80
      hostPort: 80
`,
    },
  ],
  invalid: [
    {
      name: "Pod: block port entries, hostPort as the last and as the first key",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ingress
spec:
  containers:
    - name: proxy
      image: example.com/proxy:2.4
      ports:
        - containerPort: 80
          hostPort: 80 # exposed on every node
          protocol: TCP
        - hostPort: 443
          containerPort: 443
`,
      errors: [
        { messageId: 'hostPort', range: [10, 10, 10, 22] },
        { messageId: 'hostPort', range: [12, 10, 12, 23] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: ingress
spec:
  containers:
    - name: proxy
      image: example.com/proxy:2.4
      ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
`,
    },
    {
      name: "init container and flow port in a CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: sync
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: warm
              image: busybox:1.36
              ports: [{containerPort: 8080, hostPort: 8080}]
          containers:
            - name: sync
              image: busybox:1.36
`,
      errors: [
        { messageId: 'hostPort', range: [14, 44, 14, 58] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: sync
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: warm
              image: busybox:1.36
              ports: [{containerPort: 8080}]
          containers:
            - name: sync
              image: busybox:1.36
`,
    },
    {
      name: "JSON DaemonSet",
      code: `{
  "apiVersion": "apps/v1",
  "kind": "DaemonSet",
  "metadata": {"name": "exporter"},
  "spec": {"template": {"spec": {"containers": [{
    "name": "exporter",
    "image": "example.com/exporter:1.8",
    "ports": [{"containerPort": 9100, "hostPort": 9100, "name": "metrics"}]
  }]}}}
}
`,
      errors: [
        { messageId: 'hostPort', range: [7, 38, 7, 54] },
      ],
      output: `{
  "apiVersion": "apps/v1",
  "kind": "DaemonSet",
  "metadata": {"name": "exporter"},
  "spec": {"template": {"spec": {"containers": [{
    "name": "exporter",
    "image": "example.com/exporter:1.8",
    "ports": [{"containerPort": 9100, "name": "metrics"}]
  }]}}}
}
`,
    },
    {
      name: "kind: List, YAML 1.1 octal int, port through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        containers:
          - name: a
            image: x:1
            ports:
              - containerPort: 22
                hostPort: 022
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      template:
        spec:
          containers:
            - name: b
              image: x:1
              ports:
                - &p {containerPort: 53, hostPort: 53, protocol: UDP}
            - name: c
              image: x:1
              ports: [*p]
`,
      errors: [
        { messageId: 'hostPort', range: [13, 16, 13, 29] },
        { messageId: 'hostPort', range: [24, 41, 24, 53] },
        { messageId: 'hostPort', range: [24, 41, 24, 53] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        containers:
          - name: a
            image: x:1
            ports:
              - containerPort: 22
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: {name: rs}
    spec:
      template:
        spec:
          containers:
            - name: b
              image: x:1
              ports:
                - &p {containerPort: 53, protocol: UDP}
            - name: c
              image: x:1
              ports: [*p]
`,
    },
  ],
});
