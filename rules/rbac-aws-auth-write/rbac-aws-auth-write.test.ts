import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read-only; other names; other namespaces; create cannot be narrowed', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: auth-reader}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["aws-auth"]
    verbs: ["get", "watch"]
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["coredns"]
    verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: web-config, namespace: web}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: unplaced}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["update"]
` },
  ],
  invalid: [
    {
      name: 'named aws-auth in a Role without namespace, and every ConfigMap through a ClusterRole',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: iam-mapper
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["aws-auth"]
    verbs: ["get", "update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: config-admin
rules:
  - apiGroups: ["*"]
    resources: ["configmaps"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'named', range: [7, 20, 7, 30], message: 'Role iam-mapper: rule 1 lets its subjects update/patch the aws-auth ConfigMap, which maps IAM identities to Kubernetes groups.' },
        { messageId: 'any', range: [16, 16, 16, 28], message: 'ClusterRole config-admin: rule 1 lets its subjects update/patch every ConfigMap, the EKS aws-auth map included.' },
      ],
      output: null,
    },
    {
      name: 'a kube-system Role',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-editor
  namespace: kube-system
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["patch"]
`,
      errors: [
        { messageId: 'any', range: [7, 16, 7, 28], message: 'Role config-editor: rule 1 lets its subjects patch every ConfigMap of kube-system, the EKS aws-auth map included.' },
      ],
      output: null,
    },
  ],
});
