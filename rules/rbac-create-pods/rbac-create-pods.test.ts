import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: dev}
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["update"]
`,
    { name: 'built-in role names are Kubernetes-managed', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:job-controller"}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["create"]
` },
    { name: 'aggregated ClusterRole: rules are computed', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {agg: "true"}}]
rules: []
` },
  ],
  invalid: [
    {
      name: 'create pods',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: runner
  namespace: build
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "create"]
`,
      errors: [{ messageId: 'pods', range: [8, 4, 8, 28] }],
      output: null,
    },
    {
      name: 'wildcard verb on Jobs, block style, in a List',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: batch-admin
    rules:
      - apiGroups:
          - batch
        resources:
          - jobs
        verbs:
          - "*"
`,
      errors: [{ messageId: 'workloads', range: [12, 8, 12, 13] }],
      output: null,
    },
    {
      name: 'all resources in all groups, and a rule without verbs key',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ops, namespace: dev}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: [create]}
  - apiGroups: [apps]
    resources: [deployments]
`,
      errors: [{ messageId: 'pods', range: [4, 41, 4, 56] }],
      output: null,
    },
  ],
});
