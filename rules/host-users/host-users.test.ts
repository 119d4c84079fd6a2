import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'hostUsers false; a Windows pod', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostUsers: false
  containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: a, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]
` },
  ],
  invalid: [
    {
      name: 'unset in a Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
      errors: [{ messageId: 'unset', range: [10, 4, 10, 8] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
      hostUsers: false
`,
    },
    {
      name: 'true',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostUsers: true
  containers: [{name: a, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'enabled', range: [5, 2, 5, 17] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostUsers: false
  containers: [{name: a, image: "busybox:1.36"}]
`,
    },
    {
      name: 'host network: no fix',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: node-agent
spec:
  hostNetwork: true
  containers: [{name: a, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'unset', range: [4, 0, 4, 4] }],
      output: null,
    },
  ],
});
