import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'present', code: `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {owner: team-web}}
spec: {containers: [{name: app, image: "nginx:1.27"}]}
` },
    { name: 'a custom label', options: { label: 'team' }, code: `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {team: web}}
spec: {containers: [{name: app, image: "nginx:1.27"}]}
` },
  ],
  invalid: [
    {
      name: 'other labels only; empty value; no labels at all',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: a
  labels:
    owner: ""
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
        { messageId: 'missing', range: [4, 2, 4, 8] },
        { messageId: 'missing', range: [16, 4, 16, 13] },
        { messageId: 'missing', range: [22, 0, 22, 8] },
      ],
      output: null,
    },
  ],
});
