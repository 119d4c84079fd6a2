import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "explicit tags, registry ports, digests",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: a
      image: nginx:1.27.3
    - name: b
      image: registry.example.com:5000/team/app:2.1.0
    - name: c
      image: localhost:5000/app:v2
  containers:
    - name: d
      image: app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    - name: e
      image: registry:5000/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    - name: f
      image: ghcr.io/org/tool:LATEST-2024
`,
    },
    {
      name: "no image (a PodTemplate filled in later) is not judged",
      code: `apiVersion: v1
kind: PodTemplate
metadata: {name: tpl}
template:
  spec:
    containers:
      - name: app
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
      name: "untagged and latest, registry port is not a tag",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
        - name: sidecar
          image: registry:5000/proxy # port, not tag
        - name: metrics
          image: "quay.io/prometheus/node-exporter:latest"
`,
      errors: [
        { messageId: 'untagged', range: [9, 10, 9, 22] },
        { messageId: 'untagged', range: [11, 10, 11, 36] },
        { messageId: 'latest', range: [13, 10, 13, 58] },
      ],
      output: null,
    },
    {
      name: "init and ephemeral containers of a CronJob",
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
          initContainers:
            - name: fetch
              image: docker.io/library/alpine:latest
          containers:
            - name: report
              image: example.com/report:1.4
          ephemeralContainers:
            - name: debug
              image: busybox
`,
      errors: [
        { messageId: 'latest', range: [13, 14, 13, 52] },
        { messageId: 'untagged', range: [19, 14, 19, 28] },
      ],
      output: null,
    },
    {
      name: "JSON ReplicaSet",
      code: `{
  "apiVersion": "apps/v1",
  "kind": "ReplicaSet",
  "metadata": {"name": "rs"},
  "spec": {"template": {"spec": {"containers": [
    {"name": "app", "image": "localhost:5000/app"}
  ]}}}
}
`,
      errors: [
        { messageId: 'untagged', range: [5, 20, 5, 49] },
      ],
      output: null,
    },
    {
      name: "kind: List and an image shared through an anchor",
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
          containers:
            - name: db
              image: &pg postgres:latest
            - name: backup
              image: *pg
`,
      errors: [
        { messageId: 'latest', range: [12, 14, 12, 40] },
        { messageId: 'latest', range: [14, 14, 14, 24] },
      ],
      output: null,
    },
  ],
});
