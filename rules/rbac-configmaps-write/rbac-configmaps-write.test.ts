import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read-only, narrowed by name, other groups, built-in roles', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: web}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["web-settings"]
    verbs: ["update", "patch"]
  - apiGroups: ["example.com"]
    resources: ["configmaps"]
    verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["*"]
` },
  ],
  invalid: [
    {
      name: 'write verbs, and a wildcard resource',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-writer
  namespace: web
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "update", "patch"]
  - apiGroups: ["*"]
    resources: ["*"]
    verbs:
      - delete
`,
      errors: [
        { messageId: 'write', range: [7, 16, 7, 28], message: 'Role config-writer: rule 1 lets its subjects update/patch any ConfigMap of namespace web.' },
        { messageId: 'write', range: [10, 16, 10, 19], message: 'Role config-writer: rule 2 lets its subjects delete any ConfigMap of namespace web.' },
      ],
      output: null,
    },
  ],
});
