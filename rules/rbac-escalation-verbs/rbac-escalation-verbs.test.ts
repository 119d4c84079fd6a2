import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
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
      errors: [{ messageId: 'escalation', range: [7, 4, 7, 38] }, { messageId: 'escalation', range: [10, 4, 10, 26] }],
      output: null,
    },
    {
      name: 'all wildcards, JSON',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
 "metadata": {"name": "everything", "namespace": "dev"},
 "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}
`,
      errors: [{ messageId: 'escalation', range: [2, 52, 2, 66] }],
      output: null,
      derive: false,
    },
  ],
});
