import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'Always, unset (defaults to Always), version tags, digests', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: a, image: "nginx:latest", imagePullPolicy: Always}
    - {name: b, image: nginx}
    - {name: c, image: "nginx:1.27", imagePullPolicy: IfNotPresent}
    - {name: d, image: "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", imagePullPolicy: IfNotPresent}
    - {name: e, image: "registry.example.com:5000/team/app", imagePullPolicy: Always}
` },
  ],
  invalid: [
    {
      name: 'latest with IfNotPresent; an untagged image from a registry with a port, Never, in an init container',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com:5000/team/migrate
          imagePullPolicy: Never
      containers:
        - name: web
          image: nginx:latest
          imagePullPolicy: IfNotPresent
`,
      errors: [{ messageId: 'policy', range: [12, 10, 12, 32] }, { messageId: 'policy', range: [16, 10, 16, 39] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com:5000/team/migrate
          imagePullPolicy: Always
      containers:
        - name: web
          image: nginx:latest
          imagePullPolicy: Always
`,
    },
  ],
});
