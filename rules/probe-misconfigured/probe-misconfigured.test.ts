import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'declared named port, numeric port, different probes', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}]
      livenessProbe: {tcpSocket: {port: http}, failureThreshold: 6}
      readinessProbe: {httpGet: {path: /ready, port: 8080}}
` },
  ],
  invalid: [
    {
      name: 'identical probes and an undeclared port',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          livenessProbe:
            httpGet: {path: /healthz, port: http}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
          startupProbe:
            tcpSocket:
              port: admin
`,
      errors: [
        { messageId: 'identical', range: [13, 10, 13, 23] },
        { messageId: 'unknownPort', range: [19, 14, 19, 25] },
      ],
      output: null,
    },
  ],
});
