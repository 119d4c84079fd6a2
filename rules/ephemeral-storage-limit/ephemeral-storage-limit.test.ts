import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'limit set (the request defaults to it)', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: "nginx:1.27", resources: {limits: {ephemeral-storage: 2Gi}}}
` },
  ],
  invalid: [
    {
      name: 'request without limit; nothing at all',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: {ephemeral-storage: 1Gi}
    - name: side
      image: busybox:1.36
`,
      errors: [
        { messageId: 'missing', range: [8, 6, 8, 15] },
        { messageId: 'missing', range: [10, 6, 10, 16] },
      ],
      output: null,
    },
  ],
});
