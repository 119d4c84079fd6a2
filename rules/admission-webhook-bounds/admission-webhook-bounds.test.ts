import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: checks}
webhooks:
  - name: check.example.com
    timeoutSeconds: 5
    sideEffects: NoneOnDryRun
    failurePolicy: Fail
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: checks, namespace: checks}
`,
  ],
  invalid: [
    {
      name: 'no timeout and no sideEffects; a long timeout with Unknown side effects',
      code: `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: injectors}
webhooks:
  - name: first.example.com
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: a, namespace: a}
  - name: second.example.com
    timeoutSeconds: 30
    sideEffects: Unknown
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: b, namespace: b}
`,
      errors: [
        { messageId: 'sideEffectsUnset', range: [4, 4, 4, 27] },
        { messageId: 'timeoutUnset', range: [4, 4, 4, 27] },
        { messageId: 'timeoutLong', range: [9, 4, 9, 22] },
        { messageId: 'sideEffectsUnsafe', range: [10, 4, 10, 24] },
      ],
      output: null,
    },
  ],
});
