import * as assert from 'node:assert/strict';
import rule from '.';
import { lintText, makeRuleSet } from '../../engine';
import { rules } from '..';
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
      name: 'every verb on every resource of every group (block and flow style, with a subresource wildcard too): one finding on the rule entry, at error',
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
        { messageId: 'everything', range: [5, 4, 5, 13], severity: 'error', message: 'ClusterRole ops: rule 1 grants every verb on every resource of every API group ("*"): like cluster-admin, full control of the cluster when bound by a ClusterRoleBinding.' },
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
        { messageId: 'verbs', range: [9, 21, 9, 24], message: 'Role reader: rule 1 grants every verb ("*").' },
        { messageId: 'verbs', range: [9, 21, 9, 24], message: 'ClusterRole reader: rule 1 grants every verb ("*").' },
      ],
      output: null,
    },
    {
      name: 'JSON manifest, "*/scale" (the scale subresource of every resource)',
      code: `{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "ops", "namespace": "shop"},
 "rules": [{"apiGroups": ["apps"], "resources": ["*/scale"], "verbs": ["update"]}]}
`,
      errors: [
        { messageId: 'resources', range: [1, 49, 1, 58], message: 'Role ops: rule 1 grants a wildcard resource "*/scale".' },
      ],
      output: null,
    },
    {
      name: 'each wildcard item of a narrower rule',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: apps-admin}
rules:
  - apiGroups: ["apps", "*"]
    resources: ["deployments/*", "*"]
    verbs: ["get"]
  - apiGroups: ["*"]
    resources: ["*"]
    resourceNames: ["one"]
    verbs: ["*"]
`,
      errors: [
        { messageId: 'apiGroups', range: [4, 24, 4, 27], message: 'ClusterRole apps-admin: rule 1 applies to every API group ("*").' },
        { messageId: 'resources', range: [5, 16, 5, 31], message: 'ClusterRole apps-admin: rule 1 grants a wildcard resource "deployments/*".' },
        { messageId: 'resources', range: [5, 33, 5, 36], message: 'ClusterRole apps-admin: rule 1 grants a wildcard resource "*".' },
        { messageId: 'apiGroups', range: [7, 16, 7, 19], message: 'ClusterRole apps-admin: rule 2 applies to every API group ("*").' },
        { messageId: 'resources', range: [8, 16, 8, 19], message: 'ClusterRole apps-admin: rule 2 grants a wildcard resource "*".' },
        { messageId: 'verbs', range: [10, 12, 10, 15], message: 'ClusterRole apps-admin: rule 2 grants every verb ("*").' },
      ],
      output: null,
    },
  ],
});

describe('rbac-wildcard on a rule that grants everything absorbs the narrower RBAC findings there', () => {
  // every rule about a Role's or ClusterRole's rights, whatever its profile
  const rbac = rules.filter((r) => r.meta.id.startsWith('rbac-') && r.meta.appliesTo.some((k) => k === 'Role' || k === 'ClusterRole'));
  const found = (code: string, set = rbac) => lintText(code, makeRuleSet(set.map((r) => ({ rule: r, severity: r.meta.severity, options: { ...(r.meta.defaultOptions ?? {}) } }))))
    .findings.map((f) => [f.ruleId, f.messageId, f.severity, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character])
    .sort((a, b) => Number(a[3]) - Number(b[3]) || Number(a[4]) - Number(b[4]) || String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
  const everything = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: controller}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`;
  it('has the narrower rules yield to rbac-wildcard', () => {
    assert.ok(rbac.length >= 14);
    for (const r of rbac) if (r !== rule) assert.deepEqual(r.meta.yieldsTo, ['rbac-wildcard:everything'], r.meta.id);
  });
  it('a */*/* rule gives exactly one finding, rbac-wildcard at error', () => {
    assert.deepEqual(found(everything), [['rbac-wildcard', 'everything', 'error', 4, 4, 4, 13]]);
  });
  it('without rbac-wildcard, the narrower rules speak on the same rule entry', () => {
    const got = found(everything, rbac.filter((r) => r !== rule));
    assert.ok(got.length >= 10, `${got.length} findings`);
    for (const f of got) assert.deepEqual(f.slice(3), [4, 4, 4, 13], String(f[0]));
  });
  it('a narrower grant keeps its own findings, each on its item', () => {
    const code = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: core-admin}
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
`;
    const star = [5, 16, 5, 19];
    assert.deepEqual(found(code), [
      ['rbac-aws-auth-write', 'any', 'warning', ...star],
      ['rbac-cluster-control', 'pv', 'warning', ...star],
      ['rbac-cluster-control', 'token', 'warning', ...star],
      ['rbac-configmaps-write', 'write', 'info', ...star],
      ['rbac-coredns-write', 'any', 'warning', ...star],
      ['rbac-create-pods', 'pods', 'warning', ...star],
      ['rbac-destructive', 'events', 'info', ...star],
      ['rbac-network-write', 'write', 'info', ...star],
      ['rbac-nodes-proxy', 'proxy', 'error', ...star],
      ['rbac-pod-exec', 'exec', 'warning', ...star],
      ['rbac-secrets-access', 'wildcard', 'warning', ...star],
      ['rbac-wildcard', 'resources', 'warning', ...star],
      ['rbac-escalation-verbs', 'escalation', 'error', 6, 12, 6, 15],
      ['rbac-wildcard', 'verbs', 'warning', 6, 12, 6, 15],
    ]);
  });
});
