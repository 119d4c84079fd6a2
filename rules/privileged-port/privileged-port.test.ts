import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "ports from 1024 up, and a named port without a number", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
        - containerPort: 1024
` },
  ],
  invalid: [
    {
      name: "http and https in a Deployment",
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
          ports:
            - name: http
              containerPort: 80
            - {name: https, containerPort: 443}
            - {name: metrics, containerPort: 9113}
`,
      errors: [
        { messageId: 'port', range: [12, 14, 12, 31] },
        { messageId: 'port', range: [13, 28, 13, 46] },
      ],
      output: null,
    },
  ],
});
