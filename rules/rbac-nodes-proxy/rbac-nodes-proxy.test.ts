import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-metrics}
rules:
  - apiGroups: [""]
    resources: ["nodes", "nodes/metrics", "nodes/stats"]
    verbs: ["get", "list", "watch"]
`,
    // a namespaced Role cannot grant the cluster-scoped nodes/proxy, even with wildcards
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-operator, namespace: payments}
rules:
  - apiGroups: ["*"]
    resources: ["*", "nodes/proxy"]
    verbs: ["*"]
`,
  ],
  invalid: [
    {
      name: 'block list of resources',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-metrics
rules:
  - apiGroups: [""]
    resources: ["nodes/metrics", "nodes/stats"]
    verbs: ["get"]
  - apiGroups: [""]
    resources:
      - nodes
      - nodes/proxy
    verbs: ["get", "list", "watch"]
`,
      errors: [{ messageId: 'proxy', range: [12, 4, 12, 35] }],
      output: null,
    },
    {
      name: 'every resource of the core group',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: core-admin}
rules:
  - {apiGroups: [""], resources: ["*"], verbs: ["*"]}
`,
      errors: [{ messageId: 'proxy', range: [4, 40, 4, 52] }],
      output: null,
    },
  ],
});
