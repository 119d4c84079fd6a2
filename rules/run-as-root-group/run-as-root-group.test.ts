import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "non-zero groups", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext: {runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002]}
  containers:
    - name: app
      image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: "runAsGroup, fsGroup and a supplementary group 0",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    fsGroup: 0
    supplementalGroups: [0, 2000]
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsGroup: 0
`,
      errors: [
        { messageId: 'runAsGroup', range: [12, 8, 12, 21] },
        { messageId: 'fsGroup', range: [6, 4, 6, 14] },
        { messageId: 'supplementalGroups', range: [7, 25, 7, 26] },
      ],
      output: null,
    },
  ],
});
