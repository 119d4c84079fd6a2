import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'own namespace', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
` },
    { name: 'no namespace, flagMissing off (the default)', code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
` },
    { name: 'cluster-scoped kinds never', options: { flagMissing: true }, code: `apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader, namespace: default}
rules: []
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: data}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data}
` },
  ],
  invalid: [
    {
      name: 'Deployment in the default namespace',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default # set by the chart
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [{ messageId: 'explicit', range: [4, 2, 4, 20] }],
      output: null,
    },
    {
      name: 'flagMissing: objects without a namespace (CronJob, ConfigMap); a Namespace is not one',
      options: { flagMissing: true },
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          namespace: shop
        spec:
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ""
data: {mode: fast}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
      errors: [
        { messageId: 'missing', range: [2, 0, 2, 8] },
        { messageId: 'missing', range: [19, 2, 19, 15] },
      ],
      output: null,
    },
    {
      name: 'kind: List with the namespace shared by an anchor',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: web, namespace: &ns default}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: web, namespace: *ns}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects: [{kind: ServiceAccount, name: web}]
`,
      errors: [
        { messageId: 'explicit', range: [5, 26, 5, 48] },
        { messageId: 'explicit', range: [8, 26, 8, 40] },
      ],
      output: null,
    },
    {
      name: 'JSON manifest',
      code: `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "default"}, "type": "Opaque"}
`,
      errors: [{ messageId: 'explicit', range: [0, 66, 0, 88] }],
      output: null,
    },
  ],
});
