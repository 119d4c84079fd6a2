import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: false
  containers:
    - name: app
      image: nginx:1.27
`,
  ],
  invalid: [
    {
      name: 'a reviewer sees false, the cluster gets true',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: false
  containers:
    - name: app
      image: nginx:1.27
  hostNetwork: true
`,
      errors: [{ messageId: 'duplicate', range: [9, 2, 9, 19] }],
      output: null,
    },
  ],
});
