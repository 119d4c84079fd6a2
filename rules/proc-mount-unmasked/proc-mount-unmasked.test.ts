import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "Default and unset", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        procMount: Default
    - name: side
      image: envoy:1.30
` },
    { name: "Unmasked in a pod with its own user namespace (hostUsers: no, YAML 1.1) is baseline-compliant", code: `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  hostUsers: no
  containers:
    - name: podman
      image: quay.io/podman/stable:v5
      securityContext:
        procMount: Unmasked
` },
  ],
  invalid: [
    {
      name: "Deployment init container with hostUsers: true",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostUsers: true
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            procMount: Unmasked
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {procMount: Unmasked}
`,
      errors: [
        { messageId: 'unmasked', range: [12, 12, 12, 31] },
        { messageId: 'unmasked', range: [16, 28, 16, 47] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostUsers: true
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            procMount: Default
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {procMount: Default}
`,
    },
    {
      name: "kind: List with a Pod and a user-namespaced Deployment",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {procMount: Unmasked}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    spec:
      template:
        spec:
          hostUsers: false
          containers:
            - name: app
              image: nginx:1.27
              securityContext: {procMount: Unmasked}
`,
      errors: [
        { messageId: 'unmasked', range: [10, 28, 10, 47] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {procMount: Default}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    spec:
      template:
        spec:
          hostUsers: false
          containers:
            - name: app
              image: nginx:1.27
              securityContext: {procMount: Unmasked}
`,
    },
    {
      name: "kubernetesVersion 1.34: a user namespace did not relax the baseline level yet",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  hostUsers: false
  containers:
    - name: podman
      image: quay.io/podman/stable:v5
      securityContext:
        procMount: Unmasked
`,
      options: {"kubernetesVersion":"1.34"},
      errors: [
        { messageId: 'unmasked', range: [10, 8, 10, 27] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  hostUsers: false
  containers:
    - name: podman
      image: quay.io/podman/stable:v5
      securityContext:
        procMount: Default
`,
    },
  ],
});
