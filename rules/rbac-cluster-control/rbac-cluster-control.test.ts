import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-ca-injector}
rules:
  - apiGroups: ["admissionregistration.k8s.io"]
    resources: ["validatingwebhookconfigurations"]
    resourceNames: ["my-webhook"]
    verbs: ["get", "update", "patch"]
  - apiGroups: ["certificates.k8s.io"]
    resources: ["certificatesigningrequests"]
    verbs: ["get", "list", "create"]
  - apiGroups: [""]
    resources: ["persistentvolumes", "serviceaccounts"]
    verbs: ["get", "list"]
`,
  ],
  invalid: [
    {
      name: 'each right once',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: platform
rules:
  - apiGroups: ["admissionregistration.k8s.io"]
    resources: ["validatingwebhookconfigurations"]
    verbs: ["get", "create", "update"]
  - apiGroups: ["admissionregistration.k8s.io"]
    resources: ["mutatingwebhookconfigurations"]
    resourceNames: ["my-webhook"]
    verbs: ["get", "update", "patch"]
  - apiGroups: ["certificates.k8s.io"]
    resources: ["certificatesigningrequests/approval"]
    verbs: ["update"]
  - apiGroups: ["certificates.k8s.io"]
    resources: ["signers"]
    verbs: ["approve"]
  - apiGroups: [""]
    resources: ["serviceaccounts/token", "persistentvolumes"]
    verbs: ["create"]
`,
      errors: [
        { messageId: 'webhooks', range: [7, 4, 7, 38] },
        { messageId: 'csr', range: [14, 4, 14, 21] },
        { messageId: 'csr', range: [17, 4, 17, 22] },
        { messageId: 'token', range: [20, 4, 20, 21] },
        { messageId: 'pv', range: [20, 4, 20, 21] },
      ],
      output: null,
    },
  ],
});
