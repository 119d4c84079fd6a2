import * as assert from 'node:assert/strict';
import { objectsOf, parseManifest, type K8sObject } from '../../engine';
import { evaluateUnit, loadPolicies, makeEnv, type PolicyOptions } from '../../policies';

function objects(text: string): K8sObject[] {
  const p = parseManifest(text, {});
  return p.docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
}

/** Every unit's verdict on every non-policy object: `unit-id on Kind/name: messageId path message` lines. */
function judge(text: string, opts: PolicyOptions = {}): string[] {
  const all = objects(text);
  const { units, notes } = loadPolicies(all, opts);
  const env = makeEnv(all);
  const out = notes.map((n) => `note ${n.messageId} on ${n.on.kind}/${n.on.name} at ${n.path.join('.')}: ${n.message}`);
  for (const u of units) {
    for (const o of all) {
      const r = evaluateUnit(u, o, env);
      for (const v of r.violations) out.push(`${u.id} on ${o.kind}/${o.name}: ${v.messageId} ${v.severity} ${v.path.join('.')} ${v.message}`);
      if (r.unknown) out.push(`${u.id} on ${o.kind}/${o.name}: unknown ${r.unknown}`);
      if (r.unknownNamespace) out.push(`${u.id} on ${o.kind}/${o.name}: unknown namespace ${r.unknownNamespace}`);
    }
  }
  return out;
}

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27${extra}
`;

describe('policies: Kyverno ClusterPolicy validate rules', () => {
  it('pattern with anchors, autogen to a Deployment, Audit -> info', () => {
    const policy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: hardening
spec:
  rules:
    - name: no-privileged
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: "{{ request.object.metadata.name }}: privileged is not allowed"
        pattern:
          spec:
            containers:
              - (name): "!sidecar-*"
                =(securityContext):
                  =(privileged): false
`;
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      name: web-pod
    spec:
      containers:
        - name: sidecar-x
          image: x
          securityContext: {privileged: true}
        - name: app
          image: x
          securityContext: {privileged: true}
`;
    assert.deepEqual(judge(`${policy}---\n${POD('ok')}---\n${POD('bad', '\n      securityContext:\n        privileged: true')}---\n${deploy}`), [
      'kyverno:hardening/no-privileged on Pod/bad: validation-1 info spec.containers.0.securityContext.privileged bad: privileged is not allowed',
      'kyverno:hardening/no-privileged on Deployment/web: validation-1 info spec.template.spec.containers.1.securityContext.privileged web-pod: privileged is not allowed',
    ]);
  });

  it('deny conditions with JMESPath and Kyverno functions; foreach; preconditions; Enforce -> error', () => {
    const policy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: images
spec:
  validationFailureAction: Enforce
  rules:
    - name: no-latest
      match:
        any:
          - resources:
              kinds: [Pod]
      preconditions:
        all:
          - key: "{{ request.operation || 'BACKGROUND' }}"
            operator: AnyIn
            value: [CREATE, UPDATE]
      validate:
        message: "image {{ element.image }} uses latest"
        foreach:
          - list: request.object.spec.containers
            deny:
              conditions:
                any:
                  - key: "{{ regex_match(':latest$', element.image) }}"
                    operator: Equals
                    value: true
    - name: team-label
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: "label team must be one of a, b"
        deny:
          conditions:
            all:
              - key: "{{ request.object.metadata.labels.team || '' }}"
                operator: AnyNotIn
                value: [a, b]
`;
    assert.deepEqual(judge(`${policy}---\n${POD('ok')}---\n${POD('latest').replace('nginx:1.27', 'nginx:latest')}`), [
      'kyverno:images/no-latest on Pod/latest: validation-1 error spec.containers.0 image nginx:latest uses latest',
      'kyverno:images/team-label on Pod/ok: validation-1 error kind label team must be one of a, b',
      'kyverno:images/team-label on Pod/latest: validation-1 error kind label team must be one of a, b',
    ]);
  });

  it('reports mutate rules, context lookups and userInfo as not evaluated, never as passed', () => {
    const policy = `apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: lookups
  namespace: shop
spec:
  rules:
    - name: add
      match: {any: [{resources: {kinds: [Pod]}}]}
      mutate: {patchStrategicMerge: {metadata: {labels: {x: y}}}}
    - name: from-configmap
      match: {any: [{resources: {kinds: [Pod]}}]}
      context:
        - name: allowed
          configMap: {name: allowed, namespace: shop}
      validate:
        deny:
          conditions:
            any:
              - key: "{{ request.object.spec.containers[0].image }}"
                operator: AnyNotIn
                value: "{{ allowed.data.images }}"
    - name: who
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        deny:
          conditions:
            any:
              - key: "{{ request.userInfo.username }}"
                operator: Equals
                value: admin
`;
    assert.deepEqual(judge(`${policy}---\n${POD('p')}`), [
      'note rule-type on Policy/lookups at spec.rules.0.name: kyverno:shop/lookups/add: mutate rules are not evaluated (only validate rules are)',
      'kyverno:shop/lookups/from-configmap on Pod/p: unknown variable allowed comes from a context lookup that needs the live cluster',
      'kyverno:shop/lookups/who on Pod/p: unknown the requesting user is not known offline (request.userInfo)',
    ]);
  });
});

describe('policies: ValidatingAdmissionPolicy', () => {
  const vap = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  variables:
    - name: max
      expression: "int(params.data.max)"
  validations:
    - expression: "object.spec.replicas <= variables.max"
      messageExpression: "'replicas ' + string(object.spec.replicas) + ' > ' + string(variables.max)"
      reason: Invalid
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-prod
spec:
  policyName: replicas
  validationActions: [Warn, Audit]
  paramRef: {name: limits, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector:
      matchLabels: {env: prod}
`;
  const deploy = (ns: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${ns}
  namespace: ${ns}
spec:
  replicas: ${replicas}
`;
  const ns = (name: string, env: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: {env: ${env}}
`;
  const params = (namespace: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: limits
  namespace: ${namespace}
data:
  max: "3"
`;

  it('binding, namespaceSelector over the scan\'s Namespaces, params from the scan, variables, messageExpression', () => {
    const text = [vap, ns('shop', 'prod'), ns('dev', 'test'), params('shop'), deploy('shop', 5), deploy('dev', 5), deploy('shop', 2), deploy('web', 5)].join('---\n');
    assert.deepEqual(judge(text), [
      'vap:replicas on Deployment/web-shop: validation-1 warning spec.replicas replicas 5 > 3',
      'vap:replicas on Deployment/web-web: unknown namespace web',
    ]);
  });

  it('a missing param with parameterNotFoundAction Deny denies; unbound policies are reported or evaluated', () => {
    const text = [vap, ns('shop', 'prod'), deploy('shop', 1)].join('---\n');
    assert.deepEqual(judge(text), ['vap:replicas on Deployment/web-shop: validation-1 warning kind no params found for policy binding replicas-prod with Deny parameterNotFoundAction']);
    const unbound = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: no-default
spec:
  failurePolicy: Ignore
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  validations:
    - expression: "object.metadata.namespace != 'default'"
    - expression: "object.spec.missing > 1"
`;
    assert.deepEqual(judge([unbound, deploy('default', 1)].join('---\n')), [
      // a Deployment's spec has no field `missing`: the type checker says so on the policy
      "note compile-error on ValidatingAdmissionPolicy/no-default at spec.validations.1.expression: vap:no-default: CEL type error: undefined field 'missing'",
      'note unbound on ValidatingAdmissionPolicy/no-default at metadata.name: policy no-default has no binding: it does nothing in a cluster (set policies.unbound: evaluate in .kubehex.yaml to lint with it as if bound cluster-wide)',
    ]);
    assert.deepEqual(judge([unbound, deploy('default', 1)].join('---\n'), { unbound: 'evaluate' }), [
      "note compile-error on ValidatingAdmissionPolicy/no-default at spec.validations.1.expression: vap:no-default: CEL type error: undefined field 'missing'",
      "vap:no-default on Deployment/web-default: validation-1 error metadata.namespace failed expression: object.metadata.namespace != 'default'",
    ]);
  });
});

describe('policies: Gatekeeper ConstraintTemplates with CEL', () => {
  it('evaluates K8sNativeValidation with the constraint\'s parameters and match; Rego-only templates are not evaluated', () => {
    const text = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8srequiredlabels
spec:
  crd:
    spec:
      names:
        kind: K8sRequiredLabels
  targets:
    - target: admission.k8s.gatekeeper.sh
      code:
        - engine: K8sNativeValidation
          source:
            variables:
              - name: missing
                expression: "variables.params.labels.filter(l, !(l in variables.anyObject.metadata.?labels.orValue({})))"
            validations:
              - expression: "size(variables.missing) == 0"
                messageExpression: "'missing labels: ' + variables.missing.join(', ')"
---
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8sregoonly
spec:
  crd:
    spec:
      names:
        kind: K8sRegoOnly
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: "package x"
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata:
  name: need-team
spec:
  enforcementAction: warn
  match:
    kinds:
      - apiGroups: [""]
        kinds: [Pod]
    excludedNamespaces: [kube-*]
  parameters:
    labels: [team, owner]
---
${POD('p')}---
${POD('sys').replace('namespace: shop', 'namespace: kube-system')}`;
    assert.deepEqual(judge(text), [
      'note rego on ConstraintTemplate/k8sregoonly at metadata.name: ConstraintTemplate k8sregoonly is not evaluated: Rego (only K8sNativeValidation/CEL templates are)',
      'gatekeeper:K8sRequiredLabels/need-team on Pod/p: validation-1 warning kind missing labels: team, owner',
    ]);
  });
});
