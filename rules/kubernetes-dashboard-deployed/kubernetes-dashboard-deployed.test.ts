import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'metrics scraper, look-alike names', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dashboard-metrics-scraper
  labels: {k8s-app: dashboard-metrics-scraper}
spec:
  selector: {matchLabels: {k8s-app: dashboard-metrics-scraper}}
  template:
    metadata: {labels: {k8s-app: dashboard-metrics-scraper}}
    spec:
      containers:
        - {name: scraper, image: kubernetesui/metrics-scraper:v1.0.8}
        - {name: grafana, image: example.com/team/dashboard:1.0}
` },
  ],
  invalid: [
    {
      name: 'the recommended manifest',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
  labels:
    k8s-app: kubernetes-dashboard
spec:
  selector:
    matchLabels: {k8s-app: kubernetes-dashboard}
  template:
    metadata:
      labels: {k8s-app: kubernetes-dashboard}
    spec:
      containers:
        - name: kubernetes-dashboard
          image: kubernetesui/dashboard:v2.7.0
          args: [--auto-generate-certificates]
`,
      errors: [{ messageId: 'image', range: [16, 10, 16, 46] }],
      output: null,
    },
    {
      name: 'old gcr image, v7 api image, and a labelled pod',
      code: `apiVersion: v1
kind: Pod
metadata: {name: old}
spec:
  containers:
    - name: d
      image: k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1
    - name: api
      image: docker.io/kubernetesui/dashboard-api:1.10.1
    - name: beta
      image: kubernetesui/dashboard-amd64:v2.0.0-beta1
---
apiVersion: v1
kind: Pod
metadata:
  name: ui
  labels:
    app: kubernetes-dashboard
spec:
  containers: [{name: ui, image: example.com/ui:1}]
`,
      errors: [{ messageId: 'image', range: [6, 6, 6, 58] }, { messageId: 'image', range: [8, 6, 8, 56] }, { messageId: 'image', range: [10, 6, 10, 54] }, { messageId: 'labelled', range: [16, 2, 16, 8] }],
      output: null,
    },
  ],
});
