import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'localhost, 127.0.0.1, in command or args, split or joined; not Tiller', code: `apiVersion: v1
kind: Pod
metadata: {name: tiller}
spec:
  containers:
    - name: a
      image: gcr.io/kubernetes-helm/tiller:v2.16.12
      command: ["/tiller", "--listen=localhost:44134"]
    - name: b
      image: ghcr.io/helm/tiller:v2.17.0
      args: ["--listen", "127.0.0.1:44134"]
    - name: c
      image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: 'no flag: the default :44134',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tiller-deploy
spec:
  selector:
    matchLabels: {app: helm, name: tiller}
  template:
    metadata:
      labels: {app: helm, name: tiller}
    spec:
      containers:
        - name: tiller
          image: gcr.io/kubernetes-helm/tiller:v2.16.12
          ports:
            - containerPort: 44134
`,
      errors: [{ messageId: 'missing', range: [12, 10, 12, 22] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tiller-deploy
spec:
  selector:
    matchLabels: {app: helm, name: tiller}
  template:
    metadata:
      labels: {app: helm, name: tiller}
    spec:
      containers:
        - name: tiller
          image: gcr.io/kubernetes-helm/tiller:v2.16.12
          ports:
            - containerPort: 44134
          args: [--listen=localhost:44134]
`,
    },
    {
      name: 'all interfaces, joined and split; the last flag wins',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: tiller
spec:
  containers:
    - name: a
      image: ghcr.io/helm/tiller:v2.17.0
      args:
        - --listen=:44134
    - name: b
      image: ghcr.io/helm/tiller:v2.17.0
      command:
        - /tiller
        - --listen=localhost:44134
      args:
        - --listen
        - 0.0.0.0:44134
`,
      errors: [{ messageId: 'open', range: [9, 10, 9, 25] }, { messageId: 'open', range: [17, 10, 17, 23] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: tiller
spec:
  containers:
    - name: a
      image: ghcr.io/helm/tiller:v2.17.0
      args:
        - --listen=localhost:44134
    - name: b
      image: ghcr.io/helm/tiller:v2.17.0
      command:
        - /tiller
        - --listen=localhost:44134
      args:
        - --listen
        - localhost:44134
`,
    },
    {
      name: 'a container named tiller in a Tiller-labelled workload',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: custom
  labels: {app: helm, name: tiller}
spec:
  containers:
    - name: tiller
      image: example.com/helm-server:2.16
      args: [--storage=secret]
`,
      errors: [{ messageId: 'missing', range: [9, 6, 9, 30] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: custom
  labels: {app: helm, name: tiller}
spec:
  containers:
    - name: tiller
      image: example.com/helm-server:2.16
      args: [--storage=secret, --listen=localhost:44134]
`,
    },
  ],
});
