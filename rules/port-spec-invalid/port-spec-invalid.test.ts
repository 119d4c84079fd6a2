import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'valid names and numbers; targetPort by name and number', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}, {name: n23456789012345, containerPort: 9090}]
    - name: side
      image: envoy:1.30
      ports: [{containerPort: 15000}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}, {port: 82}]
` },
  ],
  invalid: [
    {
      name: 'container ports',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          ports:
            - name: Init-Port
              containerPort: 70000
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
            - name: http
              containerPort: 8080
            - name: smtp
              containerPort:
`,
      errors: [
        { messageId: 'portName', range: [11, 14, 11, 29] },
        { messageId: 'portNumber', range: [12, 14, 12, 34] },
        { messageId: 'duplicateName', range: [19, 14, 19, 24] },
        { messageId: 'portNumber', range: [22, 14, 22, 28] },
      ],
      output: null,
    },
    {
      name: 'Service targetPorts',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
      targetPort: n234567890123456
    - port: 81
      targetPort: 123456
`,
      errors: [
        { messageId: 'targetPortName', range: [7, 6, 7, 34] },
        { messageId: 'targetPortNumber', range: [9, 6, 9, 24] },
      ],
      output: null,
    },
  ],
});
