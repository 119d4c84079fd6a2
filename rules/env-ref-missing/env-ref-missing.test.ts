import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'present keys; optional; objects managed elsewhere', code: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {mode: fast}
binaryData: {blob: AAAA}
---
apiVersion: v1
kind: Secret
metadata: {name: runtime-made}
type: Opaque
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      env:
        - {name: MODE, valueFrom: {configMapKeyRef: {name: cfg, key: mode}}}
        - {name: BLOB, valueFrom: {configMapKeyRef: {name: cfg, key: blob}}}
        - {name: OPT, valueFrom: {configMapKeyRef: {name: cfg, key: nope, optional: true}}}
        - {name: PASS, valueFrom: {secretKeyRef: {name: vault-db, key: password}}}
        - {name: TOKEN, valueFrom: {secretKeyRef: {name: runtime-made, key: token}}}
      envFrom:
        - configMapRef: {name: cfg}
` },
  ],
  invalid: [
    {
      name: 'missing Secret key; missing ConfigMap through envFrom',
      code: `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: change-me
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: migrate:4
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: passwd
      containers:
        - name: app
          image: nginx:1.27
          envFrom:
            - configMapRef:
                name: settings
`,
      errors: [
        { messageId: 'missingKey', range: [29, 18, 29, 29] },
        { messageId: 'missingObject', range: [35, 16, 35, 30] },
      ],
      output: null,
    },
  ],
});
