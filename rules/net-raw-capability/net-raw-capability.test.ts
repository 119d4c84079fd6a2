import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "drop ALL, drop NET_RAW, and a Windows pod", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: {drop: [ALL]}
    - name: side
      image: envoy:1.30
      securityContext:
        capabilities:
          drop: [NET_RAW]
---
apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
  ],
  invalid: [
    {
      name: "no securityContext, a drop list without NET_RAW, and NET_RAW added",
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
            capabilities:
              drop:
                - SYS_ADMIN
        - name: ping
          image: busybox:1.36
          securityContext:
            capabilities:
              add: [NET_ADMIN, NET_RAW]
`,
      errors: [
        { messageId: 'notDropped', range: [8, 10, 8, 20] },
        { messageId: 'notDropped', range: [15, 14, 15, 18] },
        { messageId: 'added', range: [21, 31, 21, 38] },
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
          securityContext:
            capabilities:
              drop: [NET_RAW]
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              drop:
                - SYS_ADMIN
                - NET_RAW
        - name: ping
          image: busybox:1.36
          securityContext:
            capabilities:
              add: [NET_ADMIN]
              drop: [NET_RAW]
`,
    },
    {
      name: "NET_RAW in the middle of a block add list, with drop ALL",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: diag
spec:
  containers:
    - name: diag
      image: nicolaka/netshoot:v0.13
      securityContext:
        capabilities:
          drop: [ALL]
          add:
            - NET_ADMIN
            - NET_RAW
            - NET_BIND_SERVICE
`,
      errors: [
        { messageId: 'added', range: [13, 14, 13, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: diag
spec:
  containers:
    - name: diag
      image: nicolaka/netshoot:v0.13
      securityContext:
        capabilities:
          drop: [ALL]
          add:
            - NET_ADMIN
            - NET_BIND_SERVICE
`,
    },
    {
      name: "NET_RAW added twice (and once as CAP_NET_RAW): one finding, one fix takes every entry out",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: diag
spec:
  containers:
    - name: diag
      image: nicolaka/netshoot:v0.13
      securityContext:
        capabilities:
          drop: [ALL]
          add: [NET_RAW, NET_ADMIN, CAP_NET_RAW]
`,
      errors: [
        { messageId: 'added', range: [11, 16, 11, 23] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: diag
spec:
  containers:
    - name: diag
      image: nicolaka/netshoot:v0.13
      securityContext:
        capabilities:
          drop: [ALL]
          add: [NET_ADMIN]
`,
    },
  ],
});
