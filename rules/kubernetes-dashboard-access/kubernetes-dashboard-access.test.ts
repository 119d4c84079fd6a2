import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'the upstream Dashboard and metrics scraper, and their binding', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: kubernetes-dashboard}
subjects:
  - {kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
spec:
  selector: {matchLabels: {k8s-app: kubernetes-dashboard}}
  template:
    metadata: {labels: {k8s-app: kubernetes-dashboard}}
    spec:
      serviceAccountName: kubernetes-dashboard
      containers: [{name: kubernetes-dashboard, image: "kubernetesui/dashboard:v2.7.0"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dashboard-metrics-scraper, namespace: kubernetes-dashboard}
spec:
  selector: {matchLabels: {k8s-app: dashboard-metrics-scraper}}
  template:
    metadata: {labels: {k8s-app: dashboard-metrics-scraper}}
    spec:
      serviceAccountName: kubernetes-dashboard
      containers: [{name: scraper, image: "kubernetesui/metrics-scraper:v1.0.8"}]
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: web
  containers: [{name: web, image: "nginx:1.27"}]
` },
  ],
  invalid: [
    {
      name: 'the Dashboard role bound to a user and a group',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-users
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: kubernetes-dashboard
subjects:
  - kind: User
    name: alice
  - kind: Group
    name: developers
  - kind: ServiceAccount
    name: kubernetes-dashboard
    namespace: kubernetes-dashboard
`,
      errors: [{ messageId: 'subject', range: [10, 4, 10, 15] }, { messageId: 'subject', range: [12, 4, 12, 20] }],
      output: null,
    },
    {
      name: 'another workload runs as the Dashboard account, also through the deprecated field',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: exporter
  namespace: kubernetes-dashboard
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          serviceAccountName: kubernetes-dashboard
          containers:
            - name: exporter
              image: example.com/exporter:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: kubernetes-dashboard
spec:
  serviceAccount: kubernetes-dashboard
  containers: [{name: sh, image: "busybox:1.36"}]
`,
      errors: [{ messageId: 'workload', range: [12, 10, 12, 50] }, { messageId: 'workload', range: [23, 2, 23, 38] }],
      output: null,
    },
  ],
});
