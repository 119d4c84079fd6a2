import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'explicit verbs, resources and groups', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
  - apiGroups: ["", apps]
    resources: [pods, deployments, pods/log]
    verbs: [get, list, watch]
` },
    { name: 'nonResourceURLs are not API objects', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: health}
rules:
  - nonResourceURLs: ["/healthz", "/healthz/*"]
    verbs: [get]
` },
    { name: 'the written rules of an aggregated ClusterRole are replaced by the controller', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
` },
    { name: 'roles that ship with Kubernetes (bootstrap label, system: name)', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:generic-garbage-collector"}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: [get, list, watch, patch, update, delete]
` },
    { name: 'bindings are not checked', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "*"}
subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
` },
  ],
  invalid: [
    {
      name: 'every list, block and flow style, subresource wildcard',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops
rules:
  - apiGroups: ["*"]
    resources: ["pods/*", "*"]
    verbs:
      - get
      - "*" # break-glass
`,
      errors: [
        { messageId: 'apiGroups', range: [5, 16, 5, 19] },
        { messageId: 'resources', range: [6, 16, 6, 24] },
        { messageId: 'resources', range: [6, 26, 6, 29] },
        { messageId: 'verbs', range: [9, 8, 9, 11] },
      ],
      output: null,
    },
    {
      name: 'kind: List with rules shared by an anchor',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: reader, namespace: shop}
    rules: &rules
      - apiGroups: [""]
        resources: [configmaps]
        verbs: [get, '*']
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader}
    rules: *rules
`,
      errors: [
        { messageId: 'verbs', range: [9, 21, 9, 24] },
        { messageId: 'verbs', range: [9, 21, 9, 24] },
      ],
      output: null,
    },
    {
      name: 'JSON manifest, "*/scale" (the scale subresource of every resource)',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "ops", "namespace": "shop"},
 "rules": [{"apiGroups": ["apps"], "resources": ["*/scale"], "verbs": ["update"]}]}
`,
      errors: [{ messageId: 'resources', range: [1, 49, 1, 58] }],
      output: null,
    },
  ],
});
