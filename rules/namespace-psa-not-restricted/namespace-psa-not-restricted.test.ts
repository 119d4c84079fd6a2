import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'restricted; system namespaces', code: `apiVersion: v1
kind: Namespace
metadata:
  name: web
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
` },
  ],
  invalid: [
    {
      name: 'baseline enforced, restricted only warned',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: web
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
`,
      errors: [{ messageId: 'level', range: [5, 4, 5, 48] }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: web
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted
`,
    },
    {
      name: 'no labels',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: batch
`,
      errors: [{ messageId: 'missing', range: [2, 0, 2, 8] }],
      output: `apiVersion: v1
kind: Namespace
metadata:
  name: batch
  labels:
    pod-security.kubernetes.io/enforce: restricted
`,
    },
  ],
});
