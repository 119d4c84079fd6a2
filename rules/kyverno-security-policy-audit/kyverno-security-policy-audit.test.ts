import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'enforced', code: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: disallow-privileged-containers}
spec:
  validationFailureAction: Enforce
  rules:
    - name: privileged
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        pattern: {spec: {containers: [{=(securityContext): {=(privileged): "false"}}]}}
` },
    { name: 'not a security control', code: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: require-labels}
spec:
  validationFailureAction: Audit
  rules:
    - name: team
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        pattern: {metadata: {labels: {team: "?*"}}}
` },
    { name: 'a rule-level Enforce overrides the policy default', code: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: restrict-seccomp}
spec:
  rules:
    - name: seccomp
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        failureAction: Enforce
        pattern: {spec: {=(securityContext): {=(seccompProfile): {=(type): "RuntimeDefault | Localhost"}}}}
` },
  ],
  invalid: [
    {
      name: 'Audit written, Audit by default, and a ValidatingPolicy with Audit only',
      code: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: disallow-host-path}
spec:
  validationFailureAction: Audit
  rules:
    - name: host-path
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        pattern: {spec: {=(volumes): [{X(hostPath): "null"}]}}
---
apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: restrict-image-registries
  namespace: shop
spec:
  rules:
    - name: registries
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        pattern: {spec: {containers: [{image: "registry.example.com/*"}]}}
---
apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: {name: disallow-privilege-escalation}
spec:
  validationActions: [Audit]
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
  validations:
    - expression: "true"
`,
      errors: [
        { messageId: 'audit', range: [4, 2, 4, 32] },
        { messageId: 'auditDefault', range: [14, 2, 14, 33] },
        { messageId: 'audit', range: [27, 2, 27, 28] },
      ],
      output: null,
    },
  ],
});
