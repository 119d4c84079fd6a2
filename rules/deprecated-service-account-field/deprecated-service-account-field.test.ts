import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'serviceAccountName only', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: runner
  containers: [{name: c, image: "busybox:1.36"}]
` },
  ],
  invalid: [
    {
      name: 'alone in a Deployment, and duplicated in a Pod',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccount: web   # the CI job's account
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: runner
  serviceAccount: runner
  containers: [{name: c, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'deprecated', range: [7, 6, 7, 25] },
        { messageId: 'deprecated', range: [17, 2, 17, 24] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web   # the CI job's account
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: runner
  containers: [{name: c, image: "busybox:1.36"}]
`,
    },
    {
      name: 'serviceAccountName written but empty: it takes the value',
      code: `apiVersion: v1
kind: Pod
metadata: {name: e}
spec:
  serviceAccountName: ""
  serviceAccount: builder
  containers: [{name: c, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'deprecated', range: [5, 2, 5, 25] }],
      output: `apiVersion: v1
kind: Pod
metadata: {name: e}
spec:
  serviceAccountName: builder
  containers: [{name: c, image: "busybox:1.36"}]
`,
    },
    {
      name: 'conflicting with serviceAccountName',
      code: `apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  serviceAccountName: runner
  serviceAccount: builder
  containers: [{name: c, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'conflict', range: [5, 2, 5, 25] }],
      output: null,
    },
  ],
});
