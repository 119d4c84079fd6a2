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
      errors: [{ messageId: 'write', range: [8, 4, 8, 37] }, { messageId: 'write', range: [11, 4, 11, 9] }],
      output: null,
    },
  ],
});
