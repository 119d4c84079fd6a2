import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a complete Deployment, with kubectl dry-run nulls', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: null
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web}
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: nginx:1.27
          resources:
            limits: {cpu: 0.5, memory: 128Mi}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
      volumes:
        - name: cfg
          configMap: {name: cfg, defaultMode: 0644}
status: {}
` },
    { name: 'free-form fields (annotations, RawExtension) accept any key', code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  annotations: {anything.example.com/x: "1"}
data: {anyKey: value}
` },
    { name: 'custom resources without a known schema are skipped', code: `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {whatever: 1}
` },
    { name: 'CustomResourceDefinitions are not validated by default', code: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {bogus: true}
` },
    { name: 'strategic-merge-patch directives', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers:
        - name: sidecar
          $patch: delete
` },
    { name: 'custom resource valid against its CRD in the same file', code: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas: {type: integer}
                podTemplate: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  replicas: 2
  podTemplate: {anything: goes}
` },
  ],
  invalid: [
    {
      name: 'custom resource with a typo, checked against its CRD in the same file',
      code: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas: {type: integer}
                podTemplate: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  replica: 2
`,
      errors: [{ messageId: 'unknownSuggest', range: [25, 2, 25, 9] }],
      output: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas: {type: integer}
                podTemplate: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  replicas: 2
`,
    },
    {
      name: 'typo in a container securityContext, with a near-miss fix',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonroot: true # hardening
`,
      errors: [{ messageId: 'unknownSuggest', range: [12, 12, 12, 24] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true # hardening
`,
    },
    {
      name: 'misspelt block key at pod level in a CronJob (YAML 1.1 boolean below it)',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContex:
            runAsNonRoot: yes
          containers:
            - name: job
              image: busybox:1.36
`,
      errors: [{ messageId: 'unknownSuggest', range: [10, 10, 10, 24] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext:
            runAsNonRoot: yes
          containers:
            - name: job
              image: busybox:1.36
`,
    },
    {
      name: 'unknown key in an init container with no close match: no fix',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
      colour: blue
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [{ messageId: 'unknown', range: [7, 6, 7, 12] }],
      output: null,
    },
    {
      name: 'JSON manifest: the quoted key stays quoted',
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "hostNetwrok": false,
    "containers": [{"name": "app", "image": "nginx:1.27", "securityContext": {"priviliged": false}}]
  }
}
`,
      errors: [
        { messageId: 'unknownSuggest', range: [5, 4, 5, 17] },
        { messageId: 'unknownSuggest', range: [6, 78, 6, 90] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "hostNetwork": false,
    "containers": [{"name": "app", "image": "nginx:1.27", "securityContext": {"privileged": false}}]
  }
}
`,
    },
    {
      name: 'item of a kind: List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      ports: [{port: 80, targetPort: http}]
      selectr: {app: web}
`,
      errors: [{ messageId: 'unknownSuggest', range: [8, 6, 8, 13] }],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      ports: [{port: 80, targetPort: http}]
      selector: {app: web}
`,
    },
    {
      name: 'no rename when the right key is already there',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsNonRoot: true
        runAsNonroot: false
`,
      errors: [{ messageId: 'unknownSuggest', range: [9, 8, 9, 20] }],
      output: null,
    },
  ],
});
