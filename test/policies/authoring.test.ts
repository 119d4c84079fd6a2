import * as assert from 'node:assert/strict';
import { lintText, makeRuleSet, objectsOf, parseManifest } from '../../engine';
import { loadPolicies, policyRules } from '../../policies';

/** Findings of the policy rules in a file: `ruleId messageId severity line:char-line:char text-at-range`. */
function lint(text: string): string[] {
  const objects = parseManifest(text, {}).docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
  const rules = policyRules(loadPolicies(objects));
  const set = makeRuleSet(rules.map((rule) => ({ rule, severity: rule.meta.severity, options: {} })));
  return lintText(text, set).findings.map((f) => `${f.ruleId} ${f.messageId} ${f.severity} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${JSON.stringify(text.slice(f.offsets[0], f.offsets[1]))} ${f.message}`);
}

describe('policies: authoring errors on the characters at fault', () => {
  it('a CEL syntax error in a plain, a quoted and a block scalar', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: broken
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
    - expression: object.spec.replicas <= )
    - expression: "object.metadata.name.startsWith('a' ||"
    - expression: |
        object.spec.template.spec.containers.all(c,
          c.image.endsWith(':latest') ? false : true ]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: broken
spec:
  policyName: broken
  validationActions: [Deny]
`;
    assert.deepEqual(lint(text), [
      `policy-not-evaluated compile-error warning 9:42-9:43 ")" vap:broken: CEL syntax error: unexpected ')'`,
      // the end of the expression: an empty range before the closing quote
      `policy-not-evaluated compile-error warning 10:58-10:58 "" vap:broken: CEL syntax error: unexpected end of expression`,
      `policy-not-evaluated compile-error warning 13:53-13:54 "]" vap:broken: CEL syntax error: expected ')', found ']'`,
    ]);
  });

  it('a JMESPath syntax error inside {{ }} in a Kyverno rule', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "bad {{ request.object.metadata.[ }} here"
        deny: {}
`;
    assert.deepEqual(lint(text), [
      // the end of the expression: the character after its last token
      'policy-not-evaluated compile-error warning 9:50-9:51 " " kyverno:k/r: JMESPath syntax error in {{ request.object.metadata.[ }}: unexpected end of expression',
    ]);
  });

  it('a JMESPath syntax error in a deny condition, on the token at fault, and an unknown character', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "no"
        deny:
          conditions:
            any:
              - key: "{{ request.object.spec.containers[?name == ].image }}"
                operator: AnyIn
                value: ["{{ request.object.metadata # name }}"]
`;
    assert.deepEqual(lint(text), [
      'policy-not-evaluated compile-error warning 13:65-13:66 "]" kyverno:k/r: JMESPath syntax error in {{ request.object.spec.containers[?name == ].image }}: unexpected "]"',
      'policy-not-evaluated compile-error warning 15:52-15:53 "#" kyverno:k/r: JMESPath syntax error in {{ request.object.metadata # name }}: unknown character: #',
    ]);
  });

  it('Kyverno pattern syntax errors: a bad anchor, an unclosed "(", a range without its bound, unknown and misused operators', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "no"
        pattern:
          spec:
            containers:
              - ?(image): "nginx*"
                =(name: "x"
                resources:
                  limits:
                    memory: "1-"
                    cpu: "<=2 | =>1"
                    nvidia.com/gpu: ">abc"
        anyPattern:
          - metadata:
              labels:
                app): "x"
`;
    assert.deepEqual(lint(text), [
      'policy-not-evaluated compile-error warning 13:16-13:18 "?(" kyverno:k/r: pattern syntax error: unknown anchor "?(": anchors are (…), <(…), =(…), ^(…), X(…) and +(…)',
      'policy-not-evaluated compile-error warning 14:17-14:18 "(" kyverno:k/r: pattern syntax error: "(" is not closed in key "=(name"',
      'policy-not-evaluated compile-error warning 17:30-17:31 "-" kyverno:k/r: pattern syntax error: the range "1-" lacks its upper bound',
      'policy-not-evaluated compile-error warning 18:32-18:34 "=>" kyverno:k/r: pattern syntax error: unknown operator "=>": operators are >, >=, <, <= and !',
      'policy-not-evaluated compile-error warning 19:38-19:41 "abc" kyverno:k/r: pattern syntax error: the operator > compares numbers, quantities and durations, not "abc"',
      'policy-not-evaluated compile-error warning 23:19-23:20 ")" kyverno:k/r: pattern syntax error: ")" without "(" in key "app)"',
    ]);
  });

  it('valid patterns give no syntax error: anchors, wildcards, ranges, operators, alternatives, variables', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "no"
        foreach:
          - list: "request.object.spec.containers"
            pattern:
              =(securityContext):
                X(privileged): "null"
                <(runAsUser): ">0"
              ^(ports):
                - containerPort: "1-1024 | !8080"
              +(labels): {}
              image: "!*:latest & *"
              resources:
                limits:
                  memory: "<=2Gi"
                  cpu: "100m-2"
              name: "{{ element.name }}"
              (ttl): ">= 10s"
`;
    assert.deepEqual(lint(text), []);
  });

  it('an unknown field in a Kyverno policy, on its key, with the nearest field', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  validationFailureActoin: Enforce
  rules:
    - name: r
      match:
        any:
          - resources: {kinds: [Pod], namspaces: [shop]}
      validate:
        message: no
        pattern:
          spec: {anyField: ok}
        deny: {condition: {}}
`;
    assert.deepEqual(lint(text), [
      'policy-not-evaluated unknown-field warning 5:2-5:25 "validationFailureActoin" ClusterPolicy k: "validationFailureActoin" is not a Kyverno field here (did you mean "validationFailureAction"?); Kyverno rejects or ignores it',
      'policy-not-evaluated unknown-field warning 10:38-10:47 "namspaces" ClusterPolicy k: "namspaces" is not a Kyverno field here (did you mean "namespaces"?); Kyverno rejects or ignores it',
      'policy-not-evaluated unknown-field warning 15:15-15:24 "condition" ClusterPolicy k: "condition" is not a Kyverno field here (did you mean "conditions"?); Kyverno rejects or ignores it',
    ]);
  });
});
