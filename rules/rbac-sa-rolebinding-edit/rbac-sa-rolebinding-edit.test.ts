import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read-only bindings; a person; edit has no RBAC rights', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: binding-reader, namespace: web}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditor, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: binding-reader}
subjects: [{kind: ServiceAccount, name: auditor}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lead-admin, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-edit, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: app}]
` },
  ],
  invalid: [
    {
      name: 'a service account that manages bindings; admin for all service accounts of a namespace',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: binder
  namespace: web
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: binder
  namespace: web
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: binder
subjects:
  - kind: ServiceAccount
    name: onboarding
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sa-admin, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: Group, name: "system:serviceaccounts:web"}]
`,
      errors: [
        { messageId: 'bound', range: [18, 2, 18, 14], message: 'RoleBinding binder: gives ServiceAccount web/onboarding Role binder, which can create or change RoleBindings and so pass its rights on.' },
        { messageId: 'bound', range: [26, 66, 26, 77], message: 'RoleBinding sa-admin: gives Group system:serviceaccounts:web ClusterRole admin, which can create or change RoleBindings and so pass its rights on.' },
      ],
      output: null,
    },
  ],
});
