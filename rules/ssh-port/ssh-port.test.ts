import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'other ports, and 22 over UDP', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: busybox:1.36
      ports: [{containerPort: 8080}, {containerPort: 22, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80, targetPort: 8080}, {port: 2222, targetPort: http}]
` },
  ],
  invalid: [
    {
      name: 'container port, and Service ports to and on 22',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bastion
spec:
  template:
    spec:
      containers:
        - name: sshd
          image: linuxserver/openssh-server:9.7
          ports:
            - containerPort: 2222
            - containerPort: 22
            - {containerPort: 22, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: bastion
spec:
  ports:
    - port: 2222
      targetPort: 22
    - port: 22
      targetPort: 2222
    - port: 443
`,
      errors: [
        { messageId: 'container', range: [12, 14, 12, 31] },
        { messageId: 'service', range: [22, 6, 22, 20] },
        { messageId: 'servicePort', range: [23, 6, 23, 14] },
      ],
      output: null,
    },
  ],
});
