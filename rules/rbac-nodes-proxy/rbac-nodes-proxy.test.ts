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
      errors: [
        { messageId: 'proxy', range: [11, 8, 11, 19], message: 'ClusterRole node-metrics: rule 2 grants "get", "list", "watch" on nodes/proxy, the kubelet API of every node.' },
      ],
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
      errors: [
        { messageId: 'proxy', range: [4, 34, 4, 37], message: 'ClusterRole core-admin: rule 1 grants "*" on nodes/proxy (through "*"), the kubelet API of every node.' },
      ],
      output: null,
    },
    {
      name: 'the proxy subresource of every resource, and a rule that grants everything',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kubelet-tunnel}
rules:
  - apiGroups: [""]
    resources: ["*/proxy", "nodes/metrics"]
    verbs: ["get"]
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'proxy', range: [5, 16, 5, 25], message: 'ClusterRole kubelet-tunnel: rule 1 grants "get" on nodes/proxy (through "*/proxy"), the kubelet API of every node.' },
        { messageId: 'proxy', range: [7, 4, 7, 13], message: 'ClusterRole kubelet-tunnel: rule 2 grants "*" on nodes/proxy (through "*"), the kubelet API of every node.' },
      ],
      output: null,
    },
  ],
});
