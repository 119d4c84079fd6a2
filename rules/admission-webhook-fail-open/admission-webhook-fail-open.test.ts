import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a security webhook that fails closed and exempts namespaces by name', code: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: kyverno-resource-validating-webhook-cfg}
webhooks:
  - name: validate.kyverno.svc-fail
    failurePolicy: Fail
    sideEffects: None
    timeoutSeconds: 10
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: kyverno-svc, namespace: kyverno, path: /validate/fail}
    namespaceSelector:
      matchExpressions:
        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, kyverno]}
` },
    { name: 'a webhook of no security tool may fail open', code: `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector}
webhooks:
  - name: sidecar-injector.istio.io
    failurePolicy: Ignore
    sideEffects: None
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: istiod, namespace: istio-system}
    objectSelector:
      matchExpressions:
        - {key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}
` },
  ],
  invalid: [
    {
      name: 'Gatekeeper failing open, with a namespace label and an object label that exempt',
      code: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: gatekeeper-validating-webhook-configuration}
webhooks:
  - name: validation.gatekeeper.sh
    failurePolicy: Ignore
    sideEffects: None
    admissionReviewVersions: [v1]
    clientConfig:
      service: {name: gatekeeper-webhook-service, namespace: gatekeeper-system}
    namespaceSelector:
      matchExpressions:
        - {key: admission.gatekeeper.sh/ignore, operator: DoesNotExist}
        - {key: kubernetes.io/metadata.name, operator: NotIn, values: [gatekeeper-system]}
    objectSelector:
      matchLabels: {policy: checked}
`,
      errors: [
        { messageId: 'failOpen', range: [5, 4, 5, 25] },
        { messageId: 'namespaceSelector', range: [10, 4, 10, 21] },
        { messageId: 'objectSelector', range: [14, 4, 14, 18] },
      ],
      output: null,
    },
    {
      name: 'v1beta1 without failurePolicy defaults to Ignore',
      code: `apiVersion: admissionregistration.k8s.io/v1beta1
kind: MutatingWebhookConfiguration
metadata: {name: policy-webhook}
webhooks:
  - name: mutate.kubewarden.io
    sideEffects: None
    clientConfig:
      url: https://kubewarden.example/mutate
`,
      errors: [{ messageId: 'failOpenDefault', range: [4, 4, 4, 30] }],
      output: null,
    },
  ],
});
