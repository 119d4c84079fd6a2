import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "an empty list", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostAliases: []
  containers:
    - name: app
      image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: "StatefulSet pinning a database name",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app
spec:
  serviceName: app
  template:
    spec:
      hostAliases:
        - ip: 10.1.2.3
          hostnames: [db.internal]
      containers:
        - name: app
          image: example.com/app:2.0
`,
      errors: [
        { messageId: 'hostAliases', range: [8, 6, 8, 17] },
      ],
      output: null,
    },
  ],
});
