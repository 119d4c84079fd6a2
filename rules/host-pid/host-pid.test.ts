import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "hostPID false, other host namespaces are not this rule",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: false
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: "quoted \"yes\" is a string",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      hostPID: "yes"
      containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: "hostPID unset",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: job, image: busybox:1.36}]
`,
    },
  ],
  invalid: [
    {
      name: "DaemonSet node agent",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostPID: true
      containers:
        - name: agent
          image: example.com/agent:2.0.1
`,
      errors: [
        { messageId: 'hostPID', range: [11, 6, 11, 19] },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostPID: false
      containers:
        - name: agent
          image: example.com/agent:2.0.1
`,
    },
    {
      name: "YAML 1.1 on in a CronJob pod spec",
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
          hostPID: on # YAML 1.1 boolean
          containers:
            - name: job
              image: busybox:1.36
`,
      errors: [
        { messageId: 'hostPID', range: [11, 10, 11, 21] },
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
          hostPID: false # YAML 1.1 boolean
          containers:
            - name: job
              image: busybox:1.36
`,
    },
    {
      name: "JSON Pod",
      code: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
 "spec": {"hostPID": true, "containers": [{"name": "c", "image": "busybox:1.36"}]}}
`,
      errors: [
        { messageId: 'hostPID', range: [1, 10, 1, 25] },
      ],
      output: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
 "spec": {"hostPID": false, "containers": [{"name": "c", "image": "busybox:1.36"}]}}
`,
    },
    {
      name: "kind: List with a PodTemplate (YES) and a ReplicationController",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        hostPID: YES
        containers: [{name: app, image: nginx:1.27}]
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          hostPID: true
          containers: [{name: app, image: nginx:1.27}]
`,
      errors: [
        { messageId: 'hostPID', range: [8, 8, 8, 20] },
        { messageId: 'hostPID', range: [16, 10, 16, 23] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        hostPID: false
        containers: [{name: app, image: nginx:1.27}]
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          hostPID: false
          containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: "merge key brings hostPID in from an anchor",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      <<: {hostPID: true}
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [
        { messageId: 'hostPID', range: [7, 11, 7, 24] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      <<: {hostPID: false}
      containers:
        - name: app
          image: nginx:1.27
`,
    },
  ],
});
