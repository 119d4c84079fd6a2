import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "pod-level RuntimeDefault is inherited by init, regular and ephemeral containers", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
` },
    { name: "each container sets its own (Localhost and RuntimeDefault)", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}
    - name: side
      image: envoy:1.30
      securityContext: {seccompProfile: {type: RuntimeDefault}}
` },
    { name: "an explicit Unconfined is left to seccomp-profile-unconfined", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.seccomp.security.alpha.kubernetes.io/side: unconfined
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile:
          type: Unconfined
---
apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    container.seccomp.security.alpha.kubernetes.io/side: unconfined
spec:
  containers:
    - name: side
      image: envoy:1.30
` },
    { name: "legacy annotations with a confined value: the API server turns them into the field", code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns
spec:
  selector: {matchLabels: {app: dns}}
  template:
    metadata:
      labels: {app: dns}
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
    spec:
      containers:
        - name: dns
          image: coredns/coredns:1.11.1
---
apiVersion: v1
kind: Pod
metadata:
  name: old-alias
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: docker/default
spec:
  containers:
    - name: app
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: per-container
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: localhost/profiles/app.json
    container.seccomp.security.alpha.kubernetes.io/side: runtime/default
spec:
  containers:
    - name: app
      image: nginx:1.27
    - name: side
      image: envoy:1.30
` },
    { name: "a container's own legacy annotation outranks the pod field (Unconfined there is the other rule's)", code: `apiVersion: v1
kind: Pod
metadata:
  name: mixed
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
    - name: app
      image: nginx:1.27
    - name: side
      image: envoy:1.30
` },
    { name: "Windows pods are exempt", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
  ],
  invalid: [
    {
      name: "legacy annotations that do not confine: an unknown value, a bare localhost/, a container the annotation does not name",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/defualt
    container.seccomp.security.alpha.kubernetes.io/side: localhost/
    container.seccomp.security.alpha.kubernetes.io/other: runtime/default
spec:
  containers:
    - name: app
      image: nginx:1.27
    - name: side
      image: envoy:1.30
    - name: other
      image: busybox:1.36
`,
      errors: [
        { messageId: 'missing', range: [10, 6, 10, 15], message: 'Pod legacy: container "app" has no RuntimeDefault or Localhost seccomp profile.' },
        { messageId: 'missing', range: [12, 6, 12, 16], message: 'Pod legacy: container "side" has no RuntimeDefault or Localhost seccomp profile.' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/defualt
    container.seccomp.security.alpha.kubernetes.io/side: localhost/
    container.seccomp.security.alpha.kubernetes.io/other: runtime/default
spec:
  containers:
    - name: app
      image: nginx:1.27
    - name: side
      image: envoy:1.30
      securityContext:
        seccompProfile:
          type: RuntimeDefault
    - name: other
      image: busybox:1.36
  securityContext:
    seccompProfile:
      type: RuntimeDefault
`,
    },
    {
      name: "no profile anywhere: the pod securityContext is created, once for all containers",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
`,
      errors: [
        { messageId: 'missing', range: [8, 10, 8, 20] },
        { messageId: 'missing', range: [13, 10, 13, 25] },
        { messageId: 'missing', range: [16, 10, 16, 21] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
    },
    {
      name: "the key is inserted into an existing pod securityContext at its indentation",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
      runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'missing', range: [8, 6, 8, 15] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
      runAsNonRoot: true
      seccompProfile:
          type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: "a container that sets a profile without a valid type overrides the pod and is fixed itself",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: {localhostProfile: app.json}
    - name: side
      image: envoy:1.30
      securityContext:
        seccompProfile:
          type: runtime/default
`,
      errors: [
        { messageId: 'missing', range: [12, 8, 12, 52] },
        { messageId: 'missing', range: [17, 10, 17, 31] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: {localhostProfile: app.json, type: Localhost}
    - name: side
      image: envoy:1.30
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
    },
    {
      name: "a pod-level profile without a valid type is reported once",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile: {}
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [
        { messageId: 'podInvalid', range: [6, 4, 6, 22] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: "CronJob in a List; YAML 1.1 booleans; flow-style securityContext; anchored container securityContext",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              securityContext: {runAsNonRoot: yes}
              containers:
                - name: job
                  image: busybox:1.36
                  securityContext: &sc
                    allowPrivilegeEscalation: off
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
      errors: [
        { messageId: 'missing', range: [17, 18, 17, 33] },
        { messageId: 'missing', range: [21, 18, 21, 33] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              securityContext: {runAsNonRoot: yes, seccompProfile: {type: RuntimeDefault}}
              containers:
                - name: job
                  image: busybox:1.36
                  securityContext: &sc
                    allowPrivilegeEscalation: off
                - name: helper
                  image: busybox:1.36
                  securityContext: *sc
`,
    },
    {
      name: "JSON manifest",
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ]
  }
}
`,
      errors: [
        { messageId: 'missing', range: [6, 7, 6, 20] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "nginx:1.27"}
    ], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}
  }
}
`,
    },
  ],
});
