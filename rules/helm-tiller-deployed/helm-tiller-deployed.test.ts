import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'Helm 3 tooling and look-alike images are not Tiller', code: `apiVersion: batch/v1
kind: Job
metadata: {name: deploy}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: helm, image: alpine/helm:3.15.2}
        - {name: proxy, image: example.com/tiller-proxy:1.0}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: helm}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, name: tiller-docs}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
` },
  ],
  invalid: [
    {
      name: 'the helm init Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tiller-deploy
  namespace: kube-system
  labels: {app: helm, name: tiller}
spec:
  selector:
    matchLabels: {app: helm, name: tiller}
  template:
    metadata:
      labels: {app: helm, name: tiller}
    spec:
      serviceAccountName: tiller
      containers:
        - name: tiller
          image: gcr.io/kubernetes-helm/tiller:v2.16.12
          ports: [{containerPort: 44134, name: tiller}]
`,
      errors: [{ messageId: 'image', range: [16, 10, 16, 55] }],
      output: null,
    },
    {
      name: 'a mirrored image in a CronJob, and a labelled pod with an unknown image',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: tiller-cron}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: t
              image: registry.example.com/mirror/tiller@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
---
apiVersion: v1
kind: Pod
metadata:
  name: custom
  labels:
    app: helm
    name: tiller
spec:
  containers:
    - name: server
      image: example.com/helm-server:2.16
`,
      errors: [{ messageId: 'image', range: [12, 14, 12, 127] }, { messageId: 'labelled', range: [18, 2, 18, 8] }],
      output: null,
    },
  ],
});
