import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "missing or confined profiles are not this rule", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        seccompProfile:
          type: Localhost
          localhostProfile: init.json
  containers:
    - name: app
      image: nginx:1.27
` },
    { name: "other annotations with the value unconfined are ignored", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    example.com/mode: unconfined
spec:
  containers:
    - name: app
      image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: "pod level and init, regular and ephemeral containers",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            seccompProfile: {type: Unconfined}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: RuntimeDefault
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            seccompProfile:
              type: Unconfined
`,
      errors: [
        { messageId: 'podUnconfined', range: [9, 10, 9, 26] },
        { messageId: 'unconfined', range: [14, 29, 14, 45] },
        { messageId: 'unconfined', range: [26, 14, 26, 30] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: RuntimeDefault
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          securityContext:
            seccompProfile:
              type: RuntimeDefault
`,
    },
    {
      name: "a container Unconfined overrides a RuntimeDefault pod (Windows pods are checked too)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  os: {name: windows}
  securityContext:
    runAsNonRoot: yes
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: on, seccompProfile: {type: Unconfined}}
`,
      errors: [
        { messageId: 'unconfined', range: [13, 59, 13, 75] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  os: {name: windows}
  securityContext:
    runAsNonRoot: yes
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsNonRoot: on, seccompProfile: {type: RuntimeDefault}}
`,
    },
    {
      name: "legacy annotations on a CronJob pod template",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: unconfined
            container.seccomp.security.alpha.kubernetes.io/job: "unconfined"
        spec:
          containers:
            - name: job
              image: busybox:1.36
`,
      errors: [
        { messageId: 'annotation', range: [13, 12, 13, 64] },
        { messageId: 'annotation', range: [14, 12, 14, 76] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: runtime/default
            container.seccomp.security.alpha.kubernetes.io/job: runtime/default
        spec:
          containers:
            - name: job
              image: busybox:1.36
`,
    },
    {
      name: "List item with an anchored profile shared by alias",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile: &off
              type: Unconfined
        - name: side
          image: envoy:1.30
          securityContext:
            seccompProfile: *off
`,
      errors: [
        { messageId: 'unconfined', range: [13, 14, 13, 30] },
        { messageId: 'unconfined', range: [13, 14, 13, 30] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile: &off
              type: RuntimeDefault
        - name: side
          image: envoy:1.30
          securityContext:
            seccompProfile: *off
`,
    },
    {
      name: "JSON manifest",
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web", "annotations": {"container.seccomp.security.alpha.kubernetes.io/app": "unconfined"}},
  "spec": {
    "securityContext": {"seccompProfile": {"type": "Unconfined"}},
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ]
  }
}
`,
      errors: [
        { messageId: 'podUnconfined', range: [5, 43, 5, 63] },
        { messageId: 'annotation', range: [3, 46, 3, 112] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web", "annotations": {"container.seccomp.security.alpha.kubernetes.io/app": "runtime/default"}},
  "spec": {
    "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ]
  }
}
`,
    },
  ],
});
