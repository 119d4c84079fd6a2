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
      errors: [
        { messageId: 'exec', range: [10, 16, 10, 27], message: 'Role debugger: rule 2 grants pods/exec, a shell or tunnel into running containers.' },
        { messageId: 'exec', range: [10, 29, 10, 47], message: 'Role debugger: rule 2 grants pods/portforward, a shell or tunnel into running containers.' },
        { messageId: 'exec', range: [13, 16, 13, 26], message: 'Role debugger: rule 3 grants pods/attach, a shell or tunnel into running containers.' },
      ],
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
        { messageId: 'exec', range: [6, 16, 6, 29], message: 'ClusterRole debug: rule 1 grants pods/attach, a shell or tunnel into running containers.' },
        { messageId: 'clusterBinding', range: [13, 66, 13, 77], message: 'ClusterRoleBinding debug: binds its subjects to ClusterRole debug, which grants pods/attach in every namespace.' },
        { messageId: 'roleBindingClusterRole', range: [24, 2, 24, 12], message: 'RoleBinding editors: binds its subjects to ClusterRole edit, which grants pods/exec, pods/attach, pods/portforward in the binding\'s namespace.' },
        { messageId: 'exec', range: [30, 38, 30, 49], message: 'Role shell: rule 1 grants pods/exec, a shell or tunnel into running containers.' },
        { messageId: 'roleBindingRole', range: [35, 59, 35, 70], message: 'RoleBinding shell: binds its subjects to Role shell, which grants pods/exec.' },
      ],
      output: null,
    },
  ],
});
