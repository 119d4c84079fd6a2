import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'create bindings without bind; bind on a narrow role; bind without create', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: delegator, namespace: web}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["view", "*"]
    verbs: ["bind"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["bind"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    resourceNames: ["x"]
    verbs: ["create"]
` },
  ],
  invalid: [
    {
      name: 'create RoleBindings and bind admin',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: delegator
  namespace: web
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["get", "create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["view", "admin"]
    verbs: ["bind"]
`,
      errors: [
        { messageId: 'grant', range: [7, 16, 7, 30], message: 'Role delegator: rule 1 lets its subjects create RoleBindings, and rule 2 lets them bind admin: they can grant those roles to anyone.' },
      ],
      output: null,
    },
    {
      name: 'one rule with every verb on every rbac resource',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: rbac-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["*"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'grant', range: [6, 16, 6, 19], message: 'ClusterRole rbac-manager: rule 1 lets its subjects create RoleBindings, and rule 1 lets them bind any role: they can grant those roles to anyone.' },
      ],
      output: null,
    },
  ],
});
