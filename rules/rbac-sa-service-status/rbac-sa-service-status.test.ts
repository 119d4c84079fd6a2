import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'services only; a person; edit does not cover status', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: svc-writer}
rules:
  - apiGroups: [""]
    resources: ["services"]
    verbs: ["update", "patch"]
  - apiGroups: [""]
    resources: ["services/status"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: svc-writer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: svc-writer}
subjects: [{kind: ServiceAccount, name: app, namespace: web}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: lb-status}
rules:
  - apiGroups: [""]
    resources: ["services/status"]
    verbs: ["patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: lb-status-humans}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: lb-status}
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
      name: 'a controller account patching services/status, and a status wildcard for a username',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: lb-controller
rules:
  - apiGroups: [""]
    resources: ["services/status"]
    verbs: ["update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: lb-controller
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: lb-controller
subjects:
  - kind: ServiceAccount
    name: metallb-controller
    namespace: metallb-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: status-writer
  namespace: web
rules:
  - apiGroups: ["*"]
    resources: ["*/status"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: status-writer
  namespace: web
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: status-writer
subjects:
  - kind: User
    name: system:serviceaccount:web:reporter
`,
      errors: [
        { messageId: 'bound', range: [16, 2, 16, 21], message: 'ClusterRoleBinding lb-controller: gives ServiceAccount metallb-system/metallb-controller ClusterRole lb-controller, which can change services/status and so set a LoadBalancer IP that captures traffic (CVE-2020-8554).' },
        { messageId: 'bound', range: [40, 2, 40, 21], message: 'RoleBinding status-writer: gives User system:serviceaccount:web:reporter Role status-writer, which can change services/status and so set a LoadBalancer IP that captures traffic (CVE-2020-8554).' },
      ],
      output: null,
    },
  ],
});
