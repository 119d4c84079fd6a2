import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'other services', code: `apiVersion: v1
kind: Service
metadata:
  name: helm-docs
  labels: {app: helm}
spec:
  selector: {app: helm, name: docs}
  ports: [{port: 80}]
` },
  ],
  invalid: [
    {
      name: 'the helm init Service',
      code: `apiVersion: v1
kind: Service
metadata:
  name: tiller-deploy
  namespace: kube-system
  labels: {app: helm, name: tiller}
spec:
  type: ClusterIP
  selector:
    app: helm
    name: tiller
  ports:
    - {name: tiller, port: 44134, targetPort: tiller}
`,
      errors: [{ messageId: 'selector', range: [8, 2, 8, 10] }],
      output: null,
    },
    {
      name: 'labelled only; named only',
      code: `apiVersion: v1
kind: Service
metadata:
  name: helm-server
  labels:
    app: helm
    name: tiller
spec:
  selector: {run: helm}
---
apiVersion: v1
kind: Service
metadata:
  name: tiller-deploy
spec:
  ports: [{port: 44134}]
`,
      errors: [{ messageId: 'labelled', range: [4, 2, 4, 8] }, { messageId: 'named', range: [13, 2, 13, 21] }],
      output: null,
    },
  ],
});
