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
      errors: [
        { messageId: 'pods', range: [7, 16, 7, 22], message: 'Role runner: rule 1 lets its subjects create pods, and so run any image as any service account of the namespace.' },
      ],
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
      errors: [
        { messageId: 'workloads', range: [11, 12, 11, 16], message: 'ClusterRole batch-admin: rule 1 lets its subjects create jobs, which run pods with any image and service account of the namespace.' },
      ],
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
      errors: [
        { messageId: 'pods', range: [4, 35, 4, 38], message: 'Role ops: rule 1 lets its subjects create pods, and so run any image as any service account of the namespace.' },
      ],
      output: null,
    },
  ],
});
