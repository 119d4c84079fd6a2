import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'secret mounted as a file; config map in env', code: `apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: example/api:1.4
      envFrom: [{configMapRef: {name: api-config}}]
      env: [{name: MODE, valueFrom: {configMapKeyRef: {name: api-config, key: mode}}}]
      volumeMounts: [{name: db, mountPath: /etc/db, readOnly: true}]
  volumes:
    - name: db
      secret: {secretName: db-credentials}
` },
  ],
  invalid: [
    {
      name: 'envFrom in an init container, secretKeyRef in a container',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  initContainers:
    - name: migrate
      image: migrate/migrate:v4.17.1
      envFrom:
        - configMapRef: {name: api-config}
        - secretRef: {name: db-credentials}
  containers:
    - name: api
      image: example/api:1.4
      env:
        - name: MODE
          value: prod
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-credentials
              key: password
`,
      errors: [
        { messageId: 'secretRef', range: [10, 10, 10, 43] },
        { messageId: 'secretKeyRef', range: [19, 12, 19, 24] },
      ],
      output: null,
    },
  ],
});
