import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'read-only; another ConfigMap; another namespace', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dns-reader}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["coredns"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["kube-proxy"]
    verbs: ["patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-config, namespace: web}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["coredns"]
    verbs: ["update"]
` },
  ],
  invalid: [
    {
      name: 'named coredns in kube-system; every ConfigMap through a ClusterRole wildcard',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: dns-editor
  namespace: kube-system
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["coredns"]
    verbs: ["get", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: everything
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'named', range: [8, 20, 8, 29], message: 'Role dns-editor: rule 1 lets its subjects patch the coredns ConfigMap, and so rewrite the cluster\'s DNS answers.' },
        { messageId: 'any', range: [16, 4, 16, 13], message: 'ClusterRole everything: rule 1 lets its subjects update/patch every ConfigMap, CoreDNS\'s configuration included.' },
      ],
      output: null,
    },
  ],
});
