import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-reader, namespace: web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
  - {kind: ServiceAccount, name: app}
  - {kind: User, name: default}
  - {kind: Group, name: "system:serviceaccounts:web"}
`,
  ],
  invalid: [
    {
      name: 'default account by name and by username',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-reader
  namespace: web
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
  - kind: ServiceAccount
    name: default
  - kind: User
    name: system:serviceaccount:batch:default
  - kind: ServiceAccount
    name: app
`,
      errors: [
        { messageId: 'defaultSa', range: [11, 4, 11, 17], message: 'RoleBinding app-reader: binds role "reader" to the default service account of namespace "web", which every pod without its own account uses.' },
        { messageId: 'defaultSa', range: [13, 4, 13, 45], message: 'RoleBinding app-reader: binds role "reader" to the default service account of namespace "batch", which every pod without its own account uses.' },
      ],
      output: null,
    },
    {
      name: 'ClusterRoleBinding: the subject names its namespace',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: default-view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: ServiceAccount
    name: default
    namespace: kube-system
`,
      errors: [
        { messageId: 'defaultSa', range: [10, 4, 10, 17], message: 'ClusterRoleBinding default-view: binds role "view" to the default service account of namespace "kube-system", which every pod without its own account uses.' },
      ],
      output: null,
    },
  ],
});
