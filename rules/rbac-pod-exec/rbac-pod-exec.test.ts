import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: dev}
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log", "pods/exec"]
    verbs: ["list", "watch"]
`,
    { name: 'Kubernetes default roles are not judged', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules:
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
` },
  ],
  invalid: [
    {
      name: 'exec and port-forward, and attach through a subresource wildcard',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: dev
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: ["pods/exec", "pods/portforward"]
    verbs: ["create"]
  - apiGroups: ["*"]
    resources: ["*/attach"]
    verbs: ["get"]
`,
      errors: [{ messageId: 'exec', range: [11, 4, 11, 21] }, { messageId: 'exec', range: [14, 4, 14, 18] }],
      output: null,
    },
    {
      name: 'bindings: to a ClusterRole in the scan, to the default edit role, and to a Role',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: debug
rules:
  - apiGroups: ["*"]
    resources: ["pods/attach"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: debug
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debug}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: editors
  namespace: dev
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: shell, namespace: dev}
rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: shell, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: shell}
subjects: [{kind: User, name: bob}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: elsewhere, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: not-in-scan}
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:debug"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debug}
subjects: [{kind: User, name: alice}]
`,
      errors: [
        { messageId: 'exec', range: [7, 4, 7, 18] },
        { messageId: 'clusterBinding', range: [13, 66, 13, 77] },
        { messageId: 'roleBindingClusterRole', range: [24, 2, 24, 12] },
        { messageId: 'exec', range: [30, 52, 30, 69] },
        { messageId: 'roleBindingRole', range: [35, 59, 35, 70] },
      ],
      output: null,
    },
  ],
});
