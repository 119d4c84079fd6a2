import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
`,
    { name: 'removed API versions keep their own schema (no selector needed in extensions/v1beta1)', code: `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: old}
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
` },
  ],
  invalid: [
    {
      name: 'Deployment without selector: reported at the spec key',
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
      errors: [{ messageId: 'required', range: [4, 0, 4, 4] }],
      output: null,
    },
    {
      name: 'container without a name, port without containerPort',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - image: nginx:1.27
      ports:
        - protocol: TCP
`,
      errors: [
        { messageId: 'required', range: [5, 6, 5, 11] },
        { messageId: 'required', range: [7, 10, 7, 18] },
      ],
      output: null,
    },
  ],
});
