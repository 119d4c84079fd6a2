import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a controller-owned pod', code: `apiVersion: v1
kind: Pod
metadata:
  name: web-7d4b9
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9, uid: "1", controller: true}]
spec: {containers: [{name: app, image: "nginx:1.27"}]}
` },
  ],
  invalid: [
    {
      name: 'a Pod on its own',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: sh
      image: busybox:1.36
`,
      errors: [
        { messageId: 'bare', range: [1, 0, 1, 9] },
      ],
      output: null,
    },
  ],
});
