import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'view, a custom narrow role, a Role named admin, platform bindings', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: web-team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: admin, namespace: web}
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployers, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: admin}
subjects: [{kind: Group, name: web-team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:controller:namespace-controller"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: ServiceAccount, name: namespace-controller, namespace: kube-system}]
` },
  ],
  invalid: [
    {
      name: 'edit in a namespace, cluster-admin cluster-wide, an all-wildcard custom role',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-editors
  namespace: web
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - {kind: Group, name: web-team}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: superuser
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: superusers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: superuser
subjects: [{kind: User, name: bob}]
`,
      errors: [
        { messageId: 'builtIn', range: [8, 2, 8, 12], message: 'RoleBinding web-editors: binds the edit ClusterRole, which gives its subjects administrative rights in namespace web.' },
        { messageId: 'builtIn', range: [16, 66, 16, 85], message: 'ClusterRoleBinding ops: binds the cluster-admin ClusterRole, which gives its subjects administrative rights in every namespace.' },
        { messageId: 'equivalent', range: [35, 2, 35, 17], message: 'ClusterRoleBinding superusers: binds ClusterRole superuser, which grants every verb on every resource in every namespace.' },
      ],
      output: null,
    },
  ],
});
