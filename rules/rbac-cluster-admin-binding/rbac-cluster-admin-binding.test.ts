import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a narrower built-in role', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-edit, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io}]
` },
    { name: "the API server's own bootstrap binding (label) and a system: binding", code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "true"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:controller:example"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: example, namespace: kube-system}]
` },
    { name: 'break-glass binding named in allowedBindings', options: { allowedBindings: ['break-glass'] }, code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: break-glass}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: sre-oncall, apiGroup: rbac.authorization.k8s.io}]
` },
    { name: 'roles in the file that fall short of cluster-admin', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: almost}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: [get, list, watch, create, update, patch]
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: ["*"]
    resources: ["*"]
    resourceNames: [one]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: almost}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: almost}
subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
` },
    { name: 'a Role in another namespace is not the one bound', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: owner, namespace: other}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: owner, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: owner}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
` },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to cluster-admin',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-deployer
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin # TODO narrow
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
`,
      errors: [
        { messageId: 'clusterAdmin', range: [7, 2, 7, 21], message: 'ClusterRoleBinding ci-deployer binds the cluster-admin ClusterRole: its subjects get full control of the cluster.' },
      ],
      output: null,
    },
    {
      name: 'kind: List, roleRef shared by an anchor, RoleBinding to cluster-admin',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: ci-deployer}
    roleRef: &admin
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: cluster-admin
    subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: team-admin, namespace: team-a}
    roleRef: *admin
    subjects: [{kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io}]
`,
      errors: [
        { messageId: 'clusterAdmin', range: [9, 6, 9, 25], message: 'ClusterRoleBinding ci-deployer binds the cluster-admin ClusterRole: its subjects get full control of the cluster.' },
        { messageId: 'clusterAdmin', range: [9, 6, 9, 25], message: 'RoleBinding team-admin binds the cluster-admin ClusterRole: its subjects get full control of namespace team-a.' },
      ],
      output: null,
    },
    {
      name: 'RoleBinding to a Role in the file with every verb on every resource',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: owner, namespace: shop}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: [get, list, watch, create, update, patch, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: owner
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: owner
subjects:
  - kind: User
    name: alice
    apiGroup: rbac.authorization.k8s.io
`,
      errors: [
        { messageId: 'adminEquivalent', range: [16, 2, 16, 13], message: 'RoleBinding owner binds Role owner, which grants every verb on every resource: like cluster-admin, its subjects get full control of namespace shop.' },
      ],
      output: null,
    },
    {
      name: 'JSON ClusterRoleBinding to a wildcard ClusterRole whose name has the system: prefix',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "system:everything"},
 "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}
---
{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "everything"},
 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "system:everything"},
 "subjects": [{"kind": "User", "name": "bob", "apiGroup": "rbac.authorization.k8s.io"}]}
`,
      errors: [
        { messageId: 'adminEquivalent', range: [4, 77, 4, 104], message: 'ClusterRoleBinding everything binds ClusterRole system:everything, which grants every verb on every resource: like cluster-admin, its subjects get full control of the cluster.' },
      ],
      output: null,
    },
  ],
});
