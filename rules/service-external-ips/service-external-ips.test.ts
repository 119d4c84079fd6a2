import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'no externalIPs, or an empty list', code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}], externalIPs: []}
` },
  ],
  invalid: [
    {
      name: 'block list',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
  externalIPs:
    - 203.0.113.10
    - 8.8.8.8
`,
      errors: [
        { messageId: 'externalIPs', range: [8, 2, 8, 13] },
      ],
      output: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
`,
    },
  ],
});
