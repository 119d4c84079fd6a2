import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "hostNetwork false",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: false
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: "quoted \"true\" is a string, not a boolean (the API server rejects it)",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostNetwork: "true"
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: "YAML 1.1 off/no are false",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      hostNetwork: off
      hostPID: no
      containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: "hostNetwork outside a pod spec is not read",
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  hostNetwork: "true"
spec:
  hostNetwork: true
`,
    },
  ],
  invalid: [
    {
      name: "DaemonSet with hostNetwork: true and a comment",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: cni-agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: cni}
  template:
    metadata:
      labels: {app: cni}
    spec:
      hostNetwork: true # the CNI agent configures the node network
      containers:
        - name: agent
          image: example.com/cni:1.2.3
`,
      errors: [
        { messageId: 'hostNetwork', range: [12, 6, 12, 23] },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: cni-agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: cni}
  template:
    metadata:
      labels: {app: cni}
    spec:
      hostNetwork: false # the CNI agent configures the node network
      containers:
        - name: agent
          image: example.com/cni:1.2.3
`,
    },
    {
      name: "YAML 1.1 yes in a CronJob pod spec",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: probe
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          hostNetwork: yes
          containers:
            - name: probe
              image: busybox:1.36
`,
      errors: [
        { messageId: 'hostNetwork', range: [11, 10, 11, 26] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: probe
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          hostNetwork: false
          containers:
            - name: probe
              image: busybox:1.36
`,
    },
    {
      name: "YAML 1.1 On in a Pod",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostNetwork: On
  containers:
    - name: shell
      image: busybox:1.36
`,
      errors: [
        { messageId: 'hostNetwork', range: [5, 2, 5, 17] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostNetwork: false
  containers:
    - name: shell
      image: busybox:1.36
`,
    },
    {
      name: "JSON manifest",
      code: `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {
    "template": {
      "spec": {
        "hostNetwork": true,
        "containers": [{"name": "app", "image": "nginx:1.27"}]
      }
    }
  }
}
`,
      errors: [
        { messageId: 'hostNetwork', range: [7, 8, 7, 27] },
      ],
      output: `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {
    "template": {
      "spec": {
        "hostNetwork": false,
        "containers": [{"name": "app", "image": "nginx:1.27"}]
      }
    }
  }
}
`,
    },
    {
      name: "kind: List with two carriers",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      template:
        spec:
          hostNetwork: true
          containers: [{name: db, image: postgres:16}]
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: legacy}
    spec:
      template:
        spec: {hostNetwork: true, containers: [{name: app, image: nginx:1.27}]}
`,
      errors: [
        { messageId: 'hostNetwork', range: [10, 10, 10, 27] },
        { messageId: 'hostNetwork', range: [17, 15, 17, 32] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      template:
        spec:
          hostNetwork: false
          containers: [{name: db, image: postgres:16}]
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: legacy}
    spec:
      template:
        spec: {hostNetwork: false, containers: [{name: app, image: nginx:1.27}]}
`,
    },
    {
      name: "value through an anchor and alias",
      code: `apiVersion: v1
kind: PodTemplate
metadata:
  name: tpl
  annotations:
    enabled: &on true
template:
  spec:
    hostNetwork: *on
    containers:
      - name: app
        image: nginx:1.27
`,
      errors: [
        { messageId: 'hostNetwork', range: [8, 4, 8, 20] },
      ],
      output: `apiVersion: v1
kind: PodTemplate
metadata:
  name: tpl
  annotations:
    enabled: &on true
template:
  spec:
    hostNetwork: false
    containers:
      - name: app
        image: nginx:1.27
`,
    },
    {
      name: "ReplicaSet and Job in one file",
      code: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      hostNetwork: y
      restartPolicy: Never
      containers:
        - name: job
          image: busybox:1.36
`,
      errors: [
        { messageId: 'hostNetwork', range: [7, 6, 7, 23] },
        { messageId: 'hostNetwork', range: [19, 6, 19, 20] },
      ],
      output: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
spec:
  template:
    spec:
      hostNetwork: false
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      hostNetwork: false
      restartPolicy: Never
      containers:
        - name: job
          image: busybox:1.36
`,
    },
  ],
});
