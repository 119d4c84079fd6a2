import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'spread by hostname; a preferred anti-affinity; a single replica', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web}}
    spec:
      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}]
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: db}}}
      containers: [{name: db, image: "postgres:16"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: one}
spec: {replicas: 1, template: {spec: {containers: [{name: app, image: "nginx:1.27"}]}}}
` },
  ],
  invalid: [
    {
      name: 'the spread constraint selects other pods',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app: website}}
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [
        { messageId: 'missing', range: [9, 4, 9, 8] },
      ],
      output: null,
    },
  ],
});
