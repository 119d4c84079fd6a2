import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read and create only; other groups; built-in roles', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: binding-reader, namespace: web}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["rolebindings"]
    verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["*"]
` },
  ],
  invalid: [
    {
      name: 'patch, narrowed by name; every verb through wildcards',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: team-lead
  namespace: web
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    resourceNames: ["web-team"]
    verbs: ["get", "patch"]
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`,
      errors: [{ messageId: 'edit', range: [9, 4, 9, 27] }, { messageId: 'edit', range: [12, 4, 12, 16] }],
      output: null,
    },
  ],
});
