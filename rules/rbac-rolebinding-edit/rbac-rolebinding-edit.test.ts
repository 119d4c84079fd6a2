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
      errors: [
        { messageId: 'edit', range: [7, 16, 7, 30], message: 'Role team-lead: rule 1 lets its subjects patch RoleBindings, and so add other subjects to the bindings of roles they hold.' },
        { messageId: 'edit', range: [10, 4, 10, 13], message: 'Role team-lead: rule 2 lets its subjects update/patch RoleBindings, and so add other subjects to the bindings of roles they hold.' },
      ],
      output: null,
    },
  ],
});
