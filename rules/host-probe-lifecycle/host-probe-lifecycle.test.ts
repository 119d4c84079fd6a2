import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "probes without host, empty host, grpc and exec handlers", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe:
        httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: Host, value: example.com}]}
      readinessProbe:
        tcpSocket: {port: 8080, host: ""}
      startupProbe:
        grpc: {port: 9090}
      lifecycle:
        preStop:
          exec: {command: [sleep, "5"]}
` },
  ],
  invalid: [
    {
      name: "liveness httpGet, startup tcpSocket on a sidecar init container, and a postStart hook",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: envoy:1.30
          restartPolicy: Always
          startupProbe:
            tcpSocket:
              host: 10.0.0.1
              port: 15000
      containers:
        - name: app
          image: nginx:1.27
          livenessProbe:
            httpGet:
              host: 127.0.0.1 # loopback of the node, not of the pod
              path: /healthz
              port: 8080
          lifecycle:
            postStart:
              httpGet: {host: metadata.internal, path: /register, port: 80}
`,
      errors: [
        { messageId: 'probe', range: [13, 14, 13, 28] },
        { messageId: 'probe', range: [20, 14, 20, 29] },
        { messageId: 'hook', range: [25, 24, 25, 47] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: proxy
          image: envoy:1.30
          restartPolicy: Always
          startupProbe:
            tcpSocket:
              port: 15000
      containers:
        - name: app
          image: nginx:1.27
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
          lifecycle:
            postStart:
              httpGet: {path: /register, port: 80}
`,
    },
    {
      name: "an anchored probe reused by readinessProbe: both probes are reported at the anchor",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe: &probe
        httpGet: {host: 10.0.0.9, port: 8080}
      readinessProbe: *probe
`,
      errors: [
        { messageId: 'probe', range: [9, 18, 9, 32] },
        { messageId: 'probe', range: [9, 18, 9, 32] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe: &probe
        httpGet: {port: 8080}
      readinessProbe: *probe
`,
    },
  ],
});
