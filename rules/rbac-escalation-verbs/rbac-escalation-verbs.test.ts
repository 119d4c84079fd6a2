import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a Role cannot grant rights on cluster-scoped users, groups or ClusterRoles (escalate)', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ns-admin, namespace: team}
rules:
  - apiGroups: [""]
    resources: ["users", "groups"]
    verbs: ["impersonate"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["escalate"]
` },
    { name: 'bind and escalate mean nothing on bindings; impersonate means nothing on roles', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binding-reader}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings", "clusterrolebindings"]
    verbs: ["get", "list", "bind", "escalate"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["roles"]
    verbs: ["impersonate"]
` },
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: rbac-reader}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles", "roles", "rolebindings"]
    verbs: ["get", "list", "watch", "create"]
  - apiGroups: [""]
    resources: ["serviceaccounts"]
    verbs: ["get"]
`,
    { name: 'bind on something that is not a role', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: odd, namespace: dev}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["bind", "escalate"]
` },
  ],
  invalid: [
    {
      name: 'bind, escalate and impersonate written out',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles", "roles"]
    verbs: ["get", "bind", "escalate"]
  - apiGroups: [""]
    resources: ["users", "groups"]
    verbs: ["impersonate"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create"]
`,
      errors: [
        { messageId: 'escalation', range: [7, 19, 7, 25], message: 'ClusterRole role-manager: rule 1 grants "bind", which lets its subjects gain rights they do not have.' },
        { messageId: 'escalation', range: [7, 27, 7, 37], message: 'ClusterRole role-manager: rule 1 grants "escalate", which lets its subjects gain rights they do not have.' },
        { messageId: 'escalation', range: [10, 12, 10, 25], message: 'ClusterRole role-manager: rule 2 grants "impersonate", which lets its subjects gain rights they do not have.' },
      ],
      output: null,
    },
    {
      name: 'all wildcards, JSON',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
 "metadata": {"name": "everything", "namespace": "dev"},
 "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}
`,
      errors: [
        { messageId: 'escalation', range: [2, 12, 2, 23], message: 'Role everything: rule 1 grants "escalate", "bind", "impersonate" (through "*"), which lets its subjects gain rights they do not have.' },
      ],
      output: null,
      derive: false,
    },
    {
      name: 'a Role: impersonate its service accounts, bind ClusterRoles in its namespace, every verb on its Roles',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ns-admin, namespace: team}
rules:
  - apiGroups: [""]
    resources: ["users", "serviceaccounts"]
    verbs: ["impersonate"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    verbs: ["bind", "escalate"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["roles"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'escalation', range: [6, 12, 6, 25], message: 'Role ns-admin: rule 1 grants "impersonate", which lets its subjects gain rights they do not have.' },
        { messageId: 'escalation', range: [9, 12, 9, 18], message: 'Role ns-admin: rule 2 grants "bind", which lets its subjects gain rights they do not have.' },
        { messageId: 'escalation', range: [12, 12, 12, 15], message: 'Role ns-admin: rule 3 grants "escalate", "bind" (through "*"), which lets its subjects gain rights they do not have.' },
      ],
      output: null,
    },
    {
      name: 'uids of authentication.k8s.io, and every group with every verb',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: sso-proxy}
rules:
  - apiGroups: ["authentication.k8s.io"]
    resources: ["uids"]
    verbs: ["impersonate"]
  - apiGroups: ["*"]
    resources: ["groups", "roles"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'escalation', range: [6, 12, 6, 25], message: 'ClusterRole sso-proxy: rule 1 grants "impersonate", which lets its subjects gain rights they do not have.' },
        { messageId: 'escalation', range: [9, 12, 9, 15], message: 'ClusterRole sso-proxy: rule 2 grants "escalate", "bind", "impersonate" (through "*"), which lets its subjects gain rights they do not have.' },
      ],
      output: null,
    },
  ],
});
