import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-binding}
spec:
  policyName: replica-limit
  validationActions: [Deny, Audit]
`,
    `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-warn}
spec:
  policyName: replica-limit
  validationActions: [Warn]
`,
  ],
  invalid: [
    {
      name: 'Audit alone',
      code: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-audit}
spec:
  policyName: replica-limit
  validationActions:
    - Audit
`,
      errors: [{ messageId: 'auditOnly', range: [5, 2, 5, 19] }],
      output: null,
    },
  ],
});
