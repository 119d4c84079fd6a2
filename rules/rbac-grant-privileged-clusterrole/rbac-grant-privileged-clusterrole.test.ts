import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a Role cannot grant cluster-scoped rights; RoleBindings only; narrow bind', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ns-binder, namespace: web}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterrolebindings", "clusterroles"]
    verbs: ["create", "bind"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: delegator}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["bind"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view-granter}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterrolebindings"]
    verbs: ["create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["view"]
    verbs: ["bind"]
` },
  ],
  invalid: [
    {
      name: 'create ClusterRoleBindings and bind cluster-admin',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: onboarding
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterrolebindings"]
    verbs: ["create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["cluster-admin"]
    verbs: ["bind"]
`,
      errors: [
        { messageId: 'grant', range: [6, 16, 6, 37], message: 'ClusterRole onboarding: rule 1 lets its subjects create ClusterRoleBindings, and rule 2 lets them bind cluster-admin: they can grant those roles cluster-wide to anyone.' },
      ],
      output: null,
    },
  ],
});
