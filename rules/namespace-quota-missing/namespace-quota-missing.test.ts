import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'quota and limit range present', code: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: q, namespace: shop}
spec: {hard: {pods: "50"}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: l, namespace: shop}
spec: {limits: [{type: Container, default: {memory: 256Mi}}]}
` },
  ],
  invalid: [
    {
      name: 'one namespace lacks a LimitRange, the other both',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: shop
  namespace: shop
spec:
  hard: {requests.cpu: "10"}
---
apiVersion: v1
kind: Namespace
metadata:
  name: batch
`,
      errors: [
        { messageId: 'limitRange', range: [3, 2, 3, 12] },
        { messageId: 'quota', range: [16, 2, 16, 13] },
        { messageId: 'limitRange', range: [16, 2, 16, 13] },
      ],
      output: null,
    },
  ],
});
