import rule from '.';
import { ruleTester } from '../../test/rule-tester';
import { widgetCrd } from '../../test/crd-fixture';

ruleTester(rule, {
  valid: [
    { name: 'YAML 1.1 scalars have the types Kubernetes reads', code: `apiVersion: v1
kind: Pod
metadata: {name: web, creationTimestamp: null}
spec:
  hostNetwork: no
  containers:
    - name: app
      image: nginx:1.27
      ports: [{containerPort: 0x50}]
      resources: {requests: {cpu: 0.25, memory: 64Mi}}
      securityContext: {privileged: off, runAsUser: 1_000}
  volumes:
    - name: s
      secret: {secretName: s, defaultMode: 0400}
` },
    { name: 'placeholders filled in before apply are not judged', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: \${REPLICAS}
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: INSERT_PORT_HERE
              protocol: <TCP or UDP>
` },
    { name: 'int-or-string accepts both', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27", livenessProbe: {httpGet: {port: http}}}]
` },
  ],
  invalid: [
    {
      name: 'a fill-me-in value (<ADD LUN ID Here>) is not judged; a real wrong value next to it is',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: fibre-channel-example-pod
spec:
  containers:
    - image: kubernetes/pause
      name: fc
      ports:
        - containerPort: 80
          protocol: tcp
  volumes:
    - name: fc-vol
      fc:
        targetWWNs: ["<ADD Target WWN Here>"]
        lun: <ADD LUN ID Here>
        fsType: ext4
        readOnly: true
`,
      errors: [
        { messageId: 'enum', range: [10, 20, 10, 23], message: 'Pod fibre-channel-example-pod: "protocol" must be one of "SCTP", "TCP", "UDP".' },
      ],
      output: null,
    },
    {
      name: 'quoted boolean and number, bad enum',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          imagePullPolicy: Sometimes
          securityContext:
            privileged: "false"
`,
      errors: [
        { messageId: 'type', range: [5, 12, 5, 15] },
        { messageId: 'enum', range: [12, 27, 12, 36] },
        { messageId: 'type', range: [14, 24, 14, 31] },
      ],
      output: null,
    },
    {
      name: 'fraction where an integer is required, in an ephemeral container of a List item',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
      ephemeralContainers:
        - name: dbg
          image: busybox:1.36
          securityContext: {runAsUser: 1000.5}
`,
      errors: [{ messageId: 'type', range: [11, 39, 11, 45] }],
      output: null,
    },
    {
      name: 'a map where a list belongs',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  - a
`,
      errors: [{ messageId: 'type', range: [3, 0, 3, 4] }],
      output: null,
    },
    {
      name: 'a custom resource breaking a bound of its CRD schema',
      code: `${widgetCrd(['replicas: {type: integer, minimum: 1}'])}---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  replicas: 0
`,
      errors: [{ messageId: 'value', range: [25, 12, 25, 13] }],
      output: null,
    },
  ],
});
