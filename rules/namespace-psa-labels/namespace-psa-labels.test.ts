import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'enforce restricted; system namespaces', code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
` },
  ],
  invalid: [
    {
      name: 'missing label, privileged level, no labels at all',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: privileged}}
---
apiVersion: v1
kind: Namespace
metadata:
  name: bare
`,
      errors: [
        { messageId: 'missing', range: [4, 2, 4, 8] },
        { messageId: 'privileged', range: [9, 34, 9, 80] },
        { messageId: 'missing', range: [13, 0, 13, 8] },
      ],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
    pod-security.kubernetes.io/enforce: baseline
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: baseline}}
---
apiVersion: v1
kind: Namespace
metadata:
  name: bare
  labels:
    pod-security.kubernetes.io/enforce: baseline
`,
    },
  ],
});
