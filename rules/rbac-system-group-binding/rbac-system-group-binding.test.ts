import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: platform-team, apiGroup: rbac.authorization.k8s.io}
  - {kind: User, name: system:anonymous-reviewer}
`,
    { name: 'the discovery roles Kubernetes itself gives to everyone', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:public-info-viewer"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer"}
subjects:
  - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
  - {kind: Group, name: "system:unauthenticated", apiGroup: rbac.authorization.k8s.io}
` },
  ],
  invalid: [
    {
      name: 'unauthenticated and masters among other subjects',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: open-door
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: ServiceAccount
    name: app
    namespace: web
  - kind: Group
    name: system:unauthenticated
    apiGroup: rbac.authorization.k8s.io
  - kind: Group
    name: system:masters
`,
      errors: [
        { messageId: 'anonymous', range: [13, 4, 13, 32], message: 'ClusterRoleBinding open-door: binds role "view" to system:unauthenticated, that is, to anyone who can reach the API server.' },
        { messageId: 'masters', range: [16, 4, 16, 24], message: 'ClusterRoleBinding open-door: names the system:masters group, whose members bypass every RBAC check.' },
      ],
      output: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: open-door
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: ServiceAccount
    name: app
    namespace: web
`,
    },
    {
      name: 'system:authenticated as the only subject, flow style',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: everyone
  namespace: web
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: editor}
subjects:
  - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
`,
      errors: [
        { messageId: 'authenticated', range: [7, 18, 7, 46], message: 'RoleBinding everyone: binds role "editor" to system:authenticated, that is, to every account of every identity provider.' },
      ],
      output: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: everyone
  namespace: web
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: editor}
subjects:
`,
    },
  ],
});
