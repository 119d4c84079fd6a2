import * as assert from 'node:assert/strict';
import { lintText, makeRuleSet, objectsOf, parseManifest, type K8sObject } from '../../engine';
import { builtinType, checkTypes, compile, DYN, INT, obj, typeText, loadPolicies, policyRules, type CelT } from '../../policies';
import { celCompileNotes, readCelSpec } from '../../policies/cel-policy';
import { vapTypes } from '../../policies/vap';

/** Type errors of one expression: `message @start-end "text"`. */
function check(src: string, vars: Record<string, CelT>, strictIdents = true): string[] {
  const c = compile(src);
  if ('error' in c) throw new Error(c.error.message);
  return checkTypes(c.program.ast, { vars, strictIdents }).issues.map((i) => `${i.message} @${i.start}-${i.end} ${JSON.stringify(src.slice(i.start, i.end))}`);
}

const deployment = builtinType('apps', 'deployments')!;
const VAP_VARS: Record<string, CelT> = { object: deployment, oldObject: deployment, params: DYN, request: DYN, variables: obj('variables', { count: INT }, true) };

/** Findings of the policy rules in a file: `messageId line:char-line:char text-at-range message`. */
function lint(text: string): string[] {
  const objects = parseManifest(text, {}).docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
  const rules = policyRules(loadPolicies(objects));
  const set = makeRuleSet(rules.map((rule) => ({ rule, severity: rule.meta.severity, options: {} })));
  return lintText(text, set).findings.map((f) => `${f.messageId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${JSON.stringify(text.slice(f.offsets[0], f.offsets[1]))} ${f.message}`);
}

describe('CEL type checker', () => {
  it('int + string, int compared with string, string == int', () => {
    assert.deepEqual(check('object.spec.replicas + "a" == "3a"', VAP_VARS), [`found no matching overload for '_+_' applied to '(int, string)' @0-26 "object.spec.replicas + \\"a\\""`]);
    assert.deepEqual(check("object.spec.replicas > '1'", VAP_VARS), [`found no matching overload for '_>_' applied to '(int, string)' @0-26 "object.spec.replicas > '1'"`]);
    assert.deepEqual(check('object.metadata.name == 1', VAP_VARS), [`found no matching overload for '_==_' applied to '(string, int)' @0-25 "object.metadata.name == 1"`]);
    assert.deepEqual(check('object.spec.replicas in ["a"]', VAP_VARS), [`found no matching overload for '@in' applied to '(int, list(string))' @0-29 "object.spec.replicas in [\\"a\\"]"`]);
  });

  it('an unknown function, variable or field, on the name', () => {
    assert.deepEqual(check('isGood(object.metadata.name)', VAP_VARS), [`undeclared reference to 'isGood' @0-6 "isGood"`]);
    assert.deepEqual(check('object.metadata.name.isGood()', VAP_VARS), [`undeclared reference to 'isGood' @21-27 "isGood"`]);
    assert.deepEqual(check('objet.spec.replicas > 1', VAP_VARS), [`undeclared reference to 'objet' @0-5 "objet"`]);
    assert.deepEqual(check('object.replicas > 1', VAP_VARS), [`undefined field 'replicas' @7-15 "replicas"`]);
    assert.deepEqual(check('variables.cont > 1', VAP_VARS), [`undefined field 'cont' @10-14 "cont"`]);
  });

  it('wrong argument count and a receiver of the wrong type', () => {
    assert.deepEqual(check("object.metadata.name.startsWith('a', 'b')", VAP_VARS), [`found no matching overload for 'startsWith' applied to 'string.(string, string)' @21-41 "startsWith('a', 'b')"`]);
    assert.deepEqual(check('object.metadata.name.substring(1, 2, 3) == ""', VAP_VARS), [`found no matching overload for 'substring' applied to 'string.(int, int, int)' @21-39 "substring(1, 2, 3)"`]);
    assert.deepEqual(check('object.spec.replicas.size() > 0', VAP_VARS), [`found no matching overload for 'size' applied to 'int.()' @21-27 "size()"`]);
    assert.deepEqual(check('size(object.spec.replicas) > 0', VAP_VARS), [`found no matching overload for 'size' applied to '(int)' @0-26 "size(object.spec.replicas)"`]);
  });

  it('types flow through comprehensions, optionals and variables', () => {
    assert.deepEqual(check('object.spec.template.spec.containers.all(c, c.image > 1)', VAP_VARS), [`found no matching overload for '_>_' applied to '(string, int)' @44-55 "c.image > 1"`]);
    assert.deepEqual(check('object.?spec.?replicas.orValue(1) > 0 && variables.count + 1 > object.spec.replicas', VAP_VARS), []);
    const c = compile('[1, 2].map(x, x * 2)');
    assert.ok('program' in c);
    assert.equal(typeText(checkTypes(c.program.ast, { vars: {}, strictIdents: true }).type), 'list(int)');
  });

  it('dyn never makes an error: cross-type numbers, dyn operands, unknown objects', () => {
    assert.deepEqual(check('object.spec.replicas > 1.5 && object.spec.strategy.x + 1 > 2 && params.a + "b" == "c"', VAP_VARS), []);
    assert.deepEqual(check('object.spec.replicas + "a"', { object: DYN }), []);
    // a function of a library kubehex cannot evaluate offline is not "unknown" to the checker
    assert.deepEqual(check("authorizer.group('apps').resource('deployments').check('create').allowed()", VAP_VARS), []);
    // Kyverno's environment is open-ended: undeclared names are left to the runtime
    assert.deepEqual(check('globalVar.size() > 0', {}, false), []);
  });
});

const VAP = (expression: string, resources = 'deployments', groups = 'apps') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: typed
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [${groups}], apiVersions: [v1], operations: [CREATE], resources: [${resources}]}
  variables:
    - name: wanted
      expression: "3"
  validations:
    - expression: ${expression}
      messageExpression: "'wants replicas > 1, got ' + object.spec.replicas"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: typed
spec:
  policyName: typed
  validationActions: [Deny]
`;

describe('policies: CEL type errors while authoring', () => {
  it('a VAP on Deployments: int against string, an undefined field, a messageExpression that adds an int to a string', () => {
    assert.deepEqual(lint(VAP(`"object.spec.replicas > '1' && variables.wanted < object.replicas"`)), [
      `compile-error 12:19-12:45 "object.spec.replicas > '1'" vap:typed: CEL type error: found no matching overload for '_>_' applied to '(int, string)'`,
      `compile-error 12:75-12:83 "replicas" vap:typed: CEL type error: undefined field 'replicas'`,
      `compile-error 13:26-13:75 "'wants replicas > 1, got ' + object.spec.replicas" vap:typed: CEL type error: found no matching overload for '_+_' applied to '(string, int)'`,
    ]);
  });

  it('a field only one of the matched kinds has is no error; a validation that is not a bool is', () => {
    // DaemonSets have no spec.replicas, Deployments do: an error is reported only when it holds for every kind matched
    const both = (expression: string) => lint(VAP(expression, 'deployments, daemonsets')).filter((l) => !l.includes("'_+_'"));
    assert.deepEqual(both('object.spec.replicas > 1'), []);
    assert.deepEqual(lint(VAP('object.spec.replicas > 1', 'daemonsets')).filter((l) => !l.includes("'_+_'")), [
      `compile-error 12:30-12:38 "replicas" vap:typed: CEL type error: undefined field 'replicas'`,
      `compile-error 13:67-13:75 "replicas" vap:typed: CEL type error: undefined field 'replicas'`,
    ]);
    assert.deepEqual(both('object.metadata.name'), [
      `compile-error 12:18-12:38 "object.metadata.name" vap:typed: CEL type error: expression must evaluate to bool, not string`,
    ]);
  });

  it('a VAP on a custom resource is typed from the CRD found in the same scan', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  names: {plural: crontabs, kind: CronTab}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {replicas: {type: integer}}}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: crontab-replicas
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [stable.example.com], apiVersions: [v1], operations: [CREATE], resources: [crontabs]}
  validations:
    - expression: "object.spec.replicas <= 5 && object.spec.maxRetries < 10"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: crontab-replicas
spec:
  policyName: crontab-replicas
  validationActions: [Deny]
`;
    assert.deepEqual(lint(crd), [
      `compile-error 27:60-27:70 "maxRetries" vap:crontab-replicas: CEL type error: undefined field 'maxRetries'`,
    ]);
    // the same policy without its CRD in the scan: the custom resource's fields are not known, so no error
    assert.deepEqual(lint(crd.slice(crd.indexOf('---\n') + 4)), []);
  });

  it('a ConstraintTemplate: variables.params is known, a misspelt variable is not', () => {
    const text = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8sreplicas
spec:
  crd:
    spec:
      names:
        kind: K8sReplicas
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: K8sNativeValidation
          source:
            validations:
              - expression: "variables.params.max >= 1 && variables.parms.max >= 1"
                message: too many
`;
    assert.deepEqual(lint(text), [
      `compile-error 15:68-15:73 "parms" ConstraintTemplate k8sreplicas: CEL type error: undefined field 'parms'`,
    ]);
  });

  it('a custom resource typed from its CRD in the scan', () => {
    const crd = { kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1', value: { spec: { group: 'stable.example.com', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' }, cronSpec: { type: 'string' } } } } } } }] } } } as unknown as K8sObject;
    const spec = { matchConstraints: { resourceRules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'] }] }, validations: [{ expression: "object.spec.replicas > '1' && object.spec.maxRetries < 10" }] };
    const notes = celCompileNotes(readCelSpec(spec, ['spec']), crd, 'vap:crontab', vapTypes(spec, [crd]));
    assert.deepEqual(notes.map((n) => `${n.path.join('.')} ${n.span?.join('-')} ${n.message}`), [
      `spec.validations.0.expression 0-26 vap:crontab: CEL type error: found no matching overload for '_>_' applied to '(int, string)'`,
      `spec.validations.0.expression 42-52 vap:crontab: CEL type error: undefined field 'maxRetries'`,
    ]);
    // without the CRD nothing is known of the custom resource's spec
    assert.deepEqual(celCompileNotes(readCelSpec(spec, ['spec']), crd, 'vap:crontab', vapTypes(spec, [])), []);
  });
});
