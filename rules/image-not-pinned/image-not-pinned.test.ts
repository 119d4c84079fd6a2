import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "digests, with and without a tag, behind a registry port",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: a
      image: registry.example.com:5000/team/app:2.1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  containers:
    - name: b
      image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  ephemeralContainers:
    - name: c
      image: "busybox:1.36@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
`,
    },
    {
      name: "no image or an empty one is not judged",
      code: `apiVersion: v1
kind: PodTemplate
metadata: {name: tpl}
template:
  spec:
    containers:
      - name: app
      - name: other
        image: ""
`,
    },
    {
      name: "placeholders and invalid references are not image names",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: tpl}
spec:
  template:
    spec:
      containers:
        - name: a
          image: \${IMAGE}
        - name: b
          image: <your-image>
        - name: c
          image: MyApp
`,
    },
  ],
  invalid: [
    {
      name: "tags are not pins; a malformed digest pins nothing",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: registry:5000/init:1.0
      containers:
        - name: app
          image: nginx:1.27.3
        - name: short
          image: nginx@sha256:0123abcd
`,
      errors: [
        { messageId: 'notPinned', range: [9, 10, 9, 39] },
        { messageId: 'notPinned', range: [12, 10, 12, 29] },
        { messageId: 'badDigest', range: [14, 10, 14, 38] },
      ],
      output: null,
    },
    {
      name: "ephemeral container in a CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@weekly"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: example.com/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
`,
      errors: [
        { messageId: 'notPinned', range: [16, 14, 16, 33] },
      ],
      output: null,
    },
    {
      name: "JSON DaemonSet in a kind: List, image through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "ds"},
     "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "localhost:5000/a"}]}}}}
  - apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      template:
        spec:
          containers:
            - {name: cache, image: &img "redis:7"}
            - {name: replica, image: *img}
`,
      errors: [
        { messageId: 'notPinned', range: [4, 65, 4, 92] },
        { messageId: 'notPinned', range: [12, 28, 12, 49] },
        { messageId: 'notPinned', range: [13, 30, 13, 41] },
      ],
      output: null,
    },
  ],
});
