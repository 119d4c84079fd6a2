import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read-only, status subresource, wrong group, narrowed by name', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: net-reader}
rules:
  - apiGroups: ["", "networking.k8s.io"]
    resources: ["services", "ingresses", "networkpolicies"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["ingresses/status"]
    verbs: ["update"]
  - apiGroups: [""]
    resources: ["ingresses"]
    verbs: ["create"]
  - apiGroups: [""]
    resources: ["services"]
    resourceNames: ["web"]
    verbs: ["patch"]
` },
  ],
  invalid: [
    {
      name: 'services, ingresses of the legacy group, network policies',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: net-admin
  namespace: web
rules:
  - apiGroups: [""]
    resources: ["services", "endpoints"]
    verbs: ["create", "delete"]
  - apiGroups: ["extensions"]
    resources: ["ingresses"]
    verbs: ["patch"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["networkpolicies"]
    verbs: ["*"]
  - apiGroups: ["discovery.k8s.io"]
    resources: ["endpointslices"]
    verbs: ["update"]
`,
      errors: [
        { messageId: 'write', range: [7, 16, 7, 26], message: 'Role net-admin: rule 1 lets its subjects create/delete services.' },
        { messageId: 'write', range: [7, 28, 7, 39], message: 'Role net-admin: rule 1 lets its subjects create/delete endpoints.' },
        { messageId: 'write', range: [10, 16, 10, 27], message: 'Role net-admin: rule 2 lets its subjects patch ingresses.' },
        { messageId: 'write', range: [13, 16, 13, 33], message: 'Role net-admin: rule 3 lets its subjects create/update/patch/delete/deletecollection networkpolicies.' },
        { messageId: 'write', range: [16, 16, 16, 32], message: 'Role net-admin: rule 4 lets its subjects update endpointslices.' },
      ],
      output: null,
    },
  ],
});
