import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'approve on signers alone approves nothing: the approval subresource is needed too', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: signer-only}
rules:
  - apiGroups: ["certificates.k8s.io"]
    resources: ["signers"]
    resourceNames: ["example.com/serving"]
    verbs: ["approve"]
` },
    { name: 'a Role cannot grant the cluster-scoped webhooks, CSRs or PersistentVolumes', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ns-ops, namespace: team}
rules:
  - apiGroups: ["admissionregistration.k8s.io", "certificates.k8s.io", ""]
    resources: ["validatingwebhookconfigurations", "certificatesigningrequests/approval", "persistentvolumes"]
    verbs: ["create", "update", "patch"]
` },
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
        { messageId: 'webhooks', range: [6, 16, 6, 49], message: 'ClusterRole platform: rule 1 can change admission webhooks or policies, which see and rewrite every API request.' },
        { messageId: 'csr', range: [13, 16, 13, 53], message: 'ClusterRole platform: rule 3 grants "update" on certificatesigningrequests/approval, and with approve on signers in rule 4 its subjects can approve certificate signing requests, minting credentials for any identity.' },
        { messageId: 'token', range: [19, 16, 19, 39], message: 'ClusterRole platform: rule 5 can create service-account tokens, acting as those service accounts.' },
        { messageId: 'pv', range: [19, 41, 19, 60], message: 'ClusterRole platform: rule 5 can create PersistentVolumes, which may mount any host path.' },
      ],
      output: null,
    },
    {
      name: 'the approval subresource alone, through every verb; tokens from a Role',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approver}
rules:
  - apiGroups: ["certificates.k8s.io"]
    resources: ["certificatesigningrequests", "certificatesigningrequests/approval"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: token-minter, namespace: team}
rules:
  - apiGroups: [""]
    resources: ["serviceaccounts/token"]
    verbs: ["create"]
`,
      errors: [
        { messageId: 'csrApproval', range: [5, 46, 5, 83], message: 'ClusterRole csr-approver: rule 1 grants "*" on certificatesigningrequests/approval, the first of the two rights that approve certificate signing requests (the other, approve on signers, may come from another role).' },
        { messageId: 'token', range: [13, 16, 13, 39], message: 'Role token-minter: rule 1 can create service-account tokens, acting as those service accounts.' },
      ],
      output: null,
    },
  ],
});
