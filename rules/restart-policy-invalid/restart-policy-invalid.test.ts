import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'controller with Always or unset; Pod with OnFailure; Job with Never', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  template:
    spec:
      restartPolicy: Always
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: b}
spec:
  template:
    spec:
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  restartPolicy: OnFailure
  containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: d}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: app, image: "busybox:1.36"}]
` },
    { name: 'a one-shot Pod with Never is not reported by default', code: `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
    - name: app
      image: busybox:1.36
` },
  ],
  invalid: [
    {
      name: 'by default only the controller value the API rejects is reported',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: agent
          image: example.com/agent:1.0
`,
      errors: [
        { messageId: 'controller', range: [7, 6, 7, 26], message: 'DaemonSet agent: restartPolicy Never is rejected for a DaemonSet; its pods must use Always.' },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      restartPolicy: Always
      containers:
        - name: agent
          image: example.com/agent:1.0
`,
    },
    {
      name: 'StatefulSet with OnFailure; Pod with Never (reported with reportNeverOnPods, the all profile)',
      options: { reportNeverOnPods: true },
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: db
          image: postgres:16
---
apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
    - name: app
      image: busybox:1.36
`,
      errors: [
        { messageId: 'controller', range: [7, 6, 7, 30] },
        { messageId: 'pod', range: [17, 2, 17, 22] },
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      restartPolicy: Always
      containers:
        - name: db
          image: postgres:16
---
apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: OnFailure
  containers:
    - name: app
      image: busybox:1.36
`,
    },
  ],
});
