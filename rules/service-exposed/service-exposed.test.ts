import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'ClusterIP, and a LoadBalancer limited to known sources', code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: edge}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: ["203.0.113.0/24"]
  ports: [{port: 443}]
` },
  ],
  invalid: [
    {
      name: 'NodePort, and a LoadBalancer open to any source',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata: {name: edge}
spec: {type: LoadBalancer, loadBalancerSourceRanges: ["0.0.0.0/0"], ports: [{port: 443}]}
`,
      errors: [
        { messageId: 'nodePort', range: [5, 2, 5, 16] },
        { messageId: 'loadBalancer', range: [13, 7, 13, 25] },
      ],
      output: null,
    },
  ],
});
