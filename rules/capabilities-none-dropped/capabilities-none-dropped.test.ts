import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'drops ALL, or only some; Windows pod', code: `apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: {drop: [ALL]}
    - name: other
      image: nginx:1.27
      securityContext:
        capabilities:
          drop: [NET_RAW]
          add: [NET_ADMIN]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
` },
  ],
  invalid: [
    {
      name: 'no securityContext; empty drop next to adds',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          securityContext:
            capabilities:
              drop: []
              add: [NET_BIND_SERVICE]
`,
      errors: [{ messageId: 'noneDropped', range: [9, 10, 9, 19] }, { messageId: 'noneDropped', range: [15, 14, 15, 22] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            capabilities:
              drop: [ALL]
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          securityContext:
            capabilities:
              drop: [ALL]
              add: [NET_BIND_SERVICE]
`,
    },
  ],
});
