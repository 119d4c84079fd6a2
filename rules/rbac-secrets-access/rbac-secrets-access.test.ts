import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'no secrets', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
  - apiGroups: [""]
    resources: [pods, configmaps]
    verbs: [get, list, watch]
` },
    { name: 'narrowed by resourceNames', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: tls-reader, namespace: shop}
rules:
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [shop-tls]
    verbs: [get]
` },
    { name: 'write-only verbs cannot read', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: issuer}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [create, update, patch]
` },
    { name: 'secrets of another API group, "*" resources outside the core group, and a subresource form', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: apps-admin}
rules:
  - apiGroups: [external-secrets.io]
    resources: [secrets]
    verbs: [get]
  - apiGroups: [apps]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: [""]
    resources: ["secrets/*"]
    verbs: [get]
` },
    { name: 'roles that ship with Kubernetes (bootstrap label, system: name)', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:kube-controller-manager"}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list, watch]
` },
    { name: 'the binding is not where the finding goes', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
` },
  ],
  invalid: [
    {
      name: 'Role with its binding: the Role is flagged, on the resource that grants it',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [configmaps, secrets]
    verbs: [get, list]
  - apiGroups: ["*"]
    resources:
      - "*"
    verbs: [watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
`,
      errors: [
        { messageId: 'secrets', range: [7, 28, 7, 35], message: 'Role app: rule 1 lets its subjects get/list Secrets in namespace shop.' },
        { messageId: 'wildcard', range: [11, 8, 11, 11], message: 'Role app: rule 2 grants "*" resources of the core group, so its subjects can watch Secrets in namespace shop.' },
      ],
      output: null,
    },
    {
      name: 'kind: List, a rule shared by an anchor, "*" verbs',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: a}
    rules:
      - &secretsRule
        apiGroups: [""]
        resources: [secrets]
        verbs: ["*"]
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: b}
    rules: [*secretsRule]
`,
      errors: [
        { messageId: 'secrets', range: [9, 20, 9, 27], message: 'ClusterRole a: rule 1 lets its subjects get/list/watch Secrets (in every namespace when bound by a ClusterRoleBinding).' },
        { messageId: 'secrets', range: [9, 20, 9, 27], message: 'ClusterRole b: rule 1 lets its subjects get/list/watch Secrets (in every namespace when bound by a ClusterRoleBinding).' },
      ],
      output: null,
    },
    {
      name: 'JSON manifest, watch alone',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "ops"},
 "rules": [{"apiGroups": [""], "resources": ["pods", "secrets"], "verbs": ["watch"]}]}
`,
      errors: [
        { messageId: 'secrets', range: [1, 53, 1, 62], message: 'ClusterRole ops: rule 1 lets its subjects watch Secrets (in every namespace when bound by a ClusterRoleBinding).' },
      ],
      output: null,
    },
  ],
});
