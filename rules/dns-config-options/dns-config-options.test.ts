import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'set; a custom option without a value', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  dnsConfig:
    options: [{name: ndots, value: "2"}, {name: single-request-reopen}]
  containers: [{name: app, image: "nginx:1.27"}]
` },
    { name: 'options from the configuration', options: { options: { 'single-request-reopen': '' } }, code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  dnsConfig:
    options: [{name: single-request-reopen}]
  containers: [{name: app, image: "nginx:1.27"}]
` },
  ],
  invalid: [
    {
      name: 'another value; no dnsConfig; no options list',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      dnsConfig:
        options:
          - name: ndots
            value: "5"
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  dnsConfig:
    nameservers: [10.0.0.10]
  containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [
        { messageId: 'differs', range: [9, 12, 9, 23] },
        { messageId: 'missing', range: [17, 0, 17, 4] },
        { messageId: 'missing', range: [25, 2, 25, 11] },
      ],
      output: null,
    },
  ],
});
