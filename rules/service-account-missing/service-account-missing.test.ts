import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'present; default; no ServiceAccount in the scan', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {serviceAccountName: web, containers: [{name: app, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {serviceAccountName: default, containers: [{name: app, image: "nginx:1.27"}]}
` },
    { name: 'accounts managed elsewhere', code: `apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {serviceAccountName: web, containers: [{name: app, image: "nginx:1.27"}]}
` },
  ],
  invalid: [
    {
      name: 'wholeApplication (the all profile): an account the scan does not create, when it creates none, is info',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: builder, namespace: ci}
spec:
  selector: {matchLabels: {app: builder}}
  template:
    metadata: {labels: {app: builder}}
    spec:
      serviceAccountName: builder
      containers: [{name: build, image: "builder:3.2"}]
`,
      options: { wholeApplication: true },
      errors: [
        { messageId: 'noneInScan', range: [8, 6, 8, 33], severity: 'info', message: 'Deployment builder: ServiceAccount "builder" is not in the scanned manifests, which create no ServiceAccount at all; unless it is created elsewhere, its pods would be refused.' },
      ],
      output: null,
    },
    {
      name: 'misspelt, and through the deprecated field in a CronJob',
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: webapp
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccount: batch
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
`,
      errors: [
        { messageId: 'missing', range: [12, 6, 12, 32] },
        { messageId: 'missing', range: [25, 10, 25, 31] },
      ],
      output: null,
    },
  ],
});
