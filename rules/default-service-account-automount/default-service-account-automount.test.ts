import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'default turns mounting off; other accounts are not this rule', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: web}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: web}
` },
  ],
  invalid: [
    {
      name: 'unset',
      code: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: web
`,
      errors: [{ messageId: 'missing', range: [1, 0, 1, 20] }],
      output: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: web
automountServiceAccountToken: false
`,
    },
    {
      name: 'true, as a YAML 1.1 boolean',
      code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: yes
`,
      errors: [{ messageId: 'enabled', range: [3, 0, 3, 33] }],
      output: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: false
`,
    },
  ],
});
