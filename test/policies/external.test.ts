import * as assert from 'node:assert/strict';
import { objectsOf, parseManifest, type K8sObject } from '../../engine';
import { emptyExternal, evaluateUnit, loadPolicies, makeEnv, readExternal, readStandInText, standInsOf, type External } from '../../policies';

function objects(text: string): K8sObject[] {
  const p = parseManifest(text, {});
  return p.docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
}

function standIns(text: string): External {
  const docs = parseManifest(text, {}).docs.map((d, i) => ({ value: d.value, where: `standins.yaml#${i}` }));
  const { external, errors } = readExternal(docs);
  assert.deepEqual(errors, []);
  return external;
}

/** `unit on Kind/name: messageId severity path message` and `... unknown why` lines. */
function judge(text: string, external?: External): string[] {
  const all = objects(text);
  const { units } = loadPolicies(all, { external });
  const env = makeEnv(all, external);
  const out: string[] = [];
  for (const u of units) {
    for (const o of all) {
      const r = evaluateUnit(u, o, env);
      for (const v of r.violations) out.push(`${u.id} on ${o.kind}/${o.name}: ${v.messageId} ${v.severity} ${v.path.join('.')} ${v.message}`);
      if (r.unknown) out.push(`${u.id} on ${o.kind}/${o.name}: unknown ${r.unknown}`);
    }
  }
  return out;
}

const LOOKUP_POLICY = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: critical-hourly
spec:
  validationFailureAction: Enforce
  rules:
    - name: hourly
      match:
        any:
          - resources:
              kinds: [ConfigMap]
      context:
        - name: critical
          apiCall:
            urlPath: /api/v1/namespaces?labelSelector=tier%3Dcritical
            jmesPath: items[].metadata.name
      preconditions:
        any:
          - key: "{{ length(critical) }}"
            operator: GreaterThan
            value: 0
      validate:
        message: "{{ request.object.metadata.name }} must run hourly"
        deny:
          conditions:
            all:
              - key: "{{ request.object.data.ns }}"
                operator: AnyIn
                value: "{{ critical }}"
              - key: "{{ request.object.data.every }}"
                operator: NotEquals
                value: hourly
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: daily
data:
  ns: app-1
  every: daily
`;

describe('policies: cluster stand-ins (Kyverno CLI Values, Context, UserInfo)', () => {
  it('a context lookup read inside a function call is not evaluated without stand-ins, never passed', () => {
    assert.deepEqual(judge(LOOKUP_POLICY), ['kyverno:critical-hourly/hourly on ConfigMap/daily: unknown variable critical comes from a context lookup that needs the live cluster']);
  });

  it('rule values from a Values file replace the lookup', () => {
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: Values
policies:
  - name: critical-hourly
    rules:
      - name: hourly
        values:
          critical: [app-1, app-2]
`);
    assert.deepEqual(judge(LOOKUP_POLICY, ext), ['kyverno:critical-hourly/hourly on ConfigMap/daily: validation-1 error kind daily must run hourly']);
  });

  it('per-resource values set request fields (request.operation: UPDATE) for that resource only', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: frozen
spec:
  validationFailureAction: Enforce
  rules:
    - name: no-update
      match:
        any:
          - resources:
              kinds: [ClusterRoleBinding]
      preconditions:
        all:
          - key: "{{ request.operation || 'BACKGROUND' }}"
            operator: Equals
            value: UPDATE
      validate:
        message: "{{ request.object.metadata.name }} may not be changed"
        deny: {}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: a
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: b
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
`;
    assert.deepEqual(judge(text), []);
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: Values
policies:
  - name: frozen
    resources:
      - name: b
        values:
          request.operation: UPDATE
`);
    assert.deepEqual(judge(text, ext), ['kyverno:frozen/no-update on ClusterRoleBinding/b: validation-1 error kind b may not be changed']);
  });

  it('a ConfigMap value holding a JSON array is a list for AnyNotIn', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: priorities
spec:
  validationFailureAction: Enforce
  rules:
    - name: allowed
      match:
        any:
          - resources:
              kinds: [Pod]
      context:
        - name: dict
          configMap: {name: allowed, namespace: default}
      validate:
        message: "{{ request.object.spec.priorityClassName }} is not allowed"
        deny:
          conditions:
            any:
              - key: "{{ request.object.spec.priorityClassName || '' }}"
                operator: AnyNotIn
                value: "{{ dict.data.default || '' }}"
---
apiVersion: v1
kind: Pod
metadata: {name: ok}
spec: {priorityClassName: high, containers: [{name: a, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec: {priorityClassName: urgent, containers: [{name: a, image: nginx:1.27}]}
`;
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: Values
globalValues:
  dict.data.default: '["high", "low"]'
`);
    assert.deepEqual(judge(text, ext), ['kyverno:priorities/allowed on Pod/bad: validation-1 error kind urgent is not allowed']);
  });

  const SA_POLICY = `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: protect-cm
spec:
  validationActions: [Deny]
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [configmaps]
  matchConditions:
    - name: sa
      expression: "parseServiceAccount(request.userInfo.username).Namespace == 'ci'"
  validations:
    - expression: "false"
      messageExpression: "request.name + ' is protected from ' + parseServiceAccount(request.userInfo.username).Name"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {}
`;
  it('request.userInfo is unknown without a UserInfo file and known with one (parseServiceAccount)', () => {
    assert.deepEqual(judge(SA_POLICY), ['kyverno:protect-cm on ConfigMap/settings: unknown the requesting user is not known offline (request.userInfo)']);
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: UserInfo
userInfo:
  username: system:serviceaccount:ci:deployer
`);
    assert.deepEqual(judge(SA_POLICY, ext), ['kyverno:protect-cm on ConfigMap/settings: validation-1 error kind settings is protected from deployer']);
  });

  it('resource.Get, image.GetMetadata and namespaceObject answer from a Context file and Values namespaces', () => {
    const text = `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: base-images
spec:
  validationActions: [Warn]
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [pods]
  variables:
    - name: allowed
      expression: 'resource.Get("v1", "configmaps", "platform", "base").data[namespaceObject.metadata.name].split(",")'
  validations:
    - expression: "object.spec.containers.all(c, image.GetMetadata(c.image).manifest.annotations['base'] in variables.allowed)"
      message: base image not allowed
---
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: shop}
spec: {containers: [{name: a, image: reg/good:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bad, namespace: shop}
spec: {containers: [{name: a, image: reg/bad:1}]}
`;
    assert.deepEqual(judge(text), [
      'kyverno:base-images on Pod/good: unknown image.GetMetadata() reads the live cluster',
      'kyverno:base-images on Pod/bad: unknown image.GetMetadata() reads the live cluster',
    ]);
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: Context
spec:
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: base, namespace: platform}
      data: {shop: "distroless,alpine"}
  images:
    - image: reg/good:1
      manifest: {annotations: {base: distroless}}
    - image: reg/bad:1
      manifest: {annotations: {base: ubuntu}}
---
apiVersion: cli.kyverno.io/v1alpha1
kind: Values
namespaces:
  - apiVersion: v1
    kind: Namespace
    metadata: {name: shop}
`);
    assert.deepEqual(judge(text, ext), ['kyverno:base-images on Pod/bad: validation-1 warning spec.containers base image not allowed']);
  });

  it('an image missing from the Context file stays not evaluated', () => {
    const ext = standIns(`apiVersion: cli.kyverno.io/v1alpha1
kind: Context
spec:
  images:
    - image: other:1
      manifest: {}
`);
    const text = `apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: img
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [pods]
  validations:
    - expression: "has(image.GetMetadata(object.spec.containers[0].image).manifest)"
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: a, image: nginx:1.27}]}
`;
    assert.deepEqual(judge(text, ext), ['kyverno:img on Pod/p: unknown image.GetMetadata(nginx:1.27): the image is not in the context data']);
  });

  it('rejects documents that are not stand-ins, naming where', () => {
    const docs = parseManifest('kind: Pod\n---\napiVersion: cli.kyverno.io/v1alpha1\nkind: UserInfo\nuserInfo: {}\n', {}).docs.map((d, i) => ({ value: d.value, where: `x.yaml#${i}` }));
    assert.deepEqual(readExternal(docs).errors, [
      'x.yaml#0: kind Pod is not a cli.kyverno.io Values, Context or UserInfo document',
      'x.yaml#1: userInfo.username is missing',
    ]);
  });

  it('stand-in files named in .kubehex.yaml: problems with the file and line, never a crash', () => {
    const into = emptyExternal();
    // broken YAML: the line of the error
    assert.deepEqual(readStandInText('apiVersion: cli.kyverno.io/v1alpha1\nkind: Values\npolicies:\n  - name: p\n    rules: [\n', 'v.yaml', 'values', into), [
      { file: 'v.yaml', line: 6, message: 'YAML error: Flow sequence in block collection must be sufficiently indented and end with a ]' },
    ]);
    // a document of the wrong kind (the second of the file), a UserInfo without its user, a kindless Context
    assert.deepEqual(readStandInText('kind: Values\n---\napiVersion: cli.kyverno.io/v1alpha1\nkind: Context\nspec: {}\n', 'v.yaml', 'values', into), [
      { file: 'v.yaml', line: 3, message: 'policies.values expects cli.kyverno.io Values documents, not kind Context' },
    ]);
    assert.deepEqual(readStandInText('kind: UserInfo\nuserInfo: {groups: [a]}\n', 'u.yaml', 'userInfo', into), [{ file: 'u.yaml', line: 1, message: 'userInfo.username is missing' }]);
    assert.deepEqual(readStandInText('spec: {}\n', 'c.yaml', 'context', into), [{ file: 'c.yaml', line: 1, message: 'policies.context expects cli.kyverno.io Context documents: kind is missing' }]);
    // control characters (binary content) are refused by the guard, with their line
    assert.equal(readStandInText('kind: Values\n\u0000\n', 'b.yaml', 'values', into)[0].line, 2);
    // what the config names: a file that cannot be read is reported on the config line that names it
    const files: Record<string, string> = { '/p/values.yaml': 'kind: Values\nglobalValues: {team: red}\n', '/p/user.yaml': 'kind: UserInfo\nuserInfo: {username: dev}\n' };
    const read = (f: string) => (files[f] !== undefined ? { ok: true as const, text: files[f] } : { ok: false as const, message: f.includes('huge') ? 'too large (20.0 MB > 16.0 MB)' : 'no such file' });
    const r = standInsOf({ values: ['values.yaml', 'gone.yaml'], context: ['huge.yaml'], userInfo: 'user.yaml' }, (f) => `/p/${f}`, read, '/p/.kubehex.yaml', (path) => (path[1] === 'values' ? 3 : path[1] === 'context' ? 4 : 5));
    assert.deepEqual(r.errors, [
      { file: '/p/.kubehex.yaml', line: 3, configLine: 3, message: 'policies.values: gone.yaml: no such file' },
      { file: '/p/.kubehex.yaml', line: 4, configLine: 4, message: 'policies.context: huge.yaml: too large (20.0 MB > 16.0 MB)' },
    ]);
    assert.deepEqual(r.external?.globalValues, { team: 'red' });
    assert.equal(r.external?.userInfo?.username, 'dev');
    assert.deepEqual(standInsOf({ paths: ['x'] }, (f) => f, read, '/p/.kubehex.yaml', () => 1), { errors: [] });
  });
});
