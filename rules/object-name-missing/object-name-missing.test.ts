import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a name, a generateName, a placeholder, and a review that needs none', code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: m
          image: example/migrate:1.0
---
apiVersion: v1
kind: Service
metadata:
  name: \${SERVICE_NAME}
spec:
  ports: [{port: 80}]
---
apiVersion: authorization.k8s.io/v1
kind: SelfSubjectAccessReview
spec:
  resourceAttributes: {verb: get, resource: pods}
` },
  ],
  invalid: [
    {
      name: 'no metadata at all, metadata without a name, and an empty name',
      code: `apiVersion: v1
kind: ServiceAccount
---
apiVersion: v1
kind: ConfigMap
metadata:
  labels: {app: web}
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata:
  name: ""
`,
      errors: [
        { messageId: 'missing', range: [1, 0, 1, 20] },
        { messageId: 'missing', range: [5, 0, 5, 8] },
        { messageId: 'empty', range: [12, 2, 12, 10] },
      ],
      output: null,
    },
  ],
});
