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
        { messageId: 'write', range: [8, 4, 8, 31] },
        { messageId: 'write', range: [11, 4, 11, 20] },
        { messageId: 'write', range: [14, 4, 14, 16] },
        { messageId: 'write', range: [17, 4, 17, 21] },
      ],
      output: null,
    },
  ],
});
