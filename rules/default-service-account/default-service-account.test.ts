import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'dedicated service account', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
        - name: app
          image: nginx:1.27
` },
    { name: 'deprecated serviceAccount field naming a dedicated account (CronJob)', code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccount: reports
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
` },
    { name: 'serviceAccountName wins over the deprecated field', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: web
  serviceAccount: default
  containers: [{name: app, image: "nginx:1.27"}]
` },
    { name: 'not a pod-spec carrier', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
` },
  ],
  invalid: [
    {
      name: 'serviceAccountName: default in a Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: default
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [{ messageId: 'explicit', range: [7, 6, 7, 33] }],
      output: null,
    },
    {
      name: 'no service account named (CronJob)',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
`,
      errors: [{ messageId: 'unset', range: [9, 8, 9, 12] }],
      output: null,
    },
    {
      name: 'empty serviceAccountName means default',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: ""
  containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [{ messageId: 'unset', range: [4, 2, 4, 24] }],
      output: null,
    },
    {
      name: 'deprecated serviceAccount field in a JSON manifest',
      code: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
 "spec": {"serviceAccount": "default", "containers": [{"name": "app", "image": "nginx:1.27"}]}}
`,
      errors: [{ messageId: 'explicit', range: [1, 10, 1, 37] }],
      output: null,
    },
    {
      name: 'kind: List sharing an anchored pod spec; the merge key override is fine',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: a}
    spec:
      template:
        spec: &spec
          serviceAccountName: default
          containers: [{name: app, image: "nginx:1.27"}]
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    spec:
      template:
        spec:
          <<: *spec
          serviceAccountName: b
`,
      errors: [{ messageId: 'explicit', range: [9, 10, 9, 37] }],
      output: null,
    },
  ],
});
