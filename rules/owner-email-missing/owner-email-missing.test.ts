import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'present', code: `apiVersion: v1
kind: Pod
metadata: {name: web, annotations: {email: web-team@example.com}}
spec: {containers: [{name: app, image: "nginx:1.27"}]}
` },
    { name: 'a custom key', options: { annotation: 'example.com/owner-email' }, code: `apiVersion: v1
kind: Pod
metadata: {name: web, annotations: {example.com/owner-email: web@example.com}}
spec: {containers: [{name: app, image: "nginx:1.27"}]}
` },
  ],
  invalid: [
    {
      name: 'other annotations; not an address; no annotations at all',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    contact: web@example.com
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: a
  annotations:
    email: team-web
spec:
  containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [
        { messageId: 'missing', range: [4, 2, 4, 13] },
        { messageId: 'invalid', range: [16, 4, 16, 19] },
        { messageId: 'missing', range: [23, 2, 23, 9] },
      ],
      output: null,
    },
  ],
});
