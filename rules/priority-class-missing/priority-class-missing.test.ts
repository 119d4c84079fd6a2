import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'set', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {priorityClassName: standard, containers: [{name: app, image: "nginx:1.27"}]}
` },
  ],
  invalid: [
    {
      name: 'not set',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [
        { messageId: 'missing', range: [6, 4, 6, 8] },
      ],
      output: null,
    },
  ],
});
