import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'false, or a string', code: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: a}
allowPrivilegedContainer: false
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: b}
allowPrivilegedContainer: "true"
` },
  ],
  invalid: [
    {
      name: 'true, as a YAML 1.1 boolean',
      code: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowHostNetwork: false
allowPrivilegedContainer: yes
users: [system:serviceaccount:app:builder]
`,
      errors: [{ messageId: 'privileged', range: [5, 0, 5, 29] }],
      output: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowHostNetwork: false
allowPrivilegedContainer: false
users: [system:serviceaccount:app:builder]
`,
    },
  ],
});
