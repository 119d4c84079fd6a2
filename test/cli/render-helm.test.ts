import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cmdRender } from '../../cli/render';

/** A small chart exercising every `kubehex render` flag of the Helm issue (written here: no ../shared). */
const CHART: Record<string, string> = {
  'demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'demo/values.yaml': 'a: 1\nimage:\n  tag: v1\ngone: here\n',
  'demo/templates/cm.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-cm',
    '  namespace: {{ .Release.Namespace }}',
    'data:',
    '  a: {{ .Values.a | quote }}',
    '  aKind: {{ kindOf .Values.a }}',
    '  tag: {{ .Values.image.tag }}',
    '  gone: {{ hasKey .Values "gone" | quote }}',
    '  kube: {{ .Capabilities.KubeVersion.Version }}',
    '  hasX: {{ .Capabilities.APIVersions.Has "x.io/v1" | quote }}',
    '',
  ].join('\n'),
  'demo/templates/test.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\n',
  'demo/crds/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.x.io\n',
  'prod.yaml': 'image:\n  tag: v2\n',
  'more.yaml': 'image:\n  tag: v3\n',
};

const cm = (o: { name: string; ns: string; a: string; kind: string; tag: string; gone: string; kube: string; hasX: string }) => `---
# Source: demo/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${o.name}-cm
  namespace: ${o.ns}
data:
  a: ${JSON.stringify(o.a)}
  aKind: ${o.kind}
  tag: ${o.tag}
  gone: "${o.gone}"
  kube: ${o.kube}
  hasX: "${o.hasX}"
`;
const testPod = (name: string) => `---
# Source: demo/templates/test.yaml
apiVersion: v1
kind: Pod
metadata:
  name: ${name}-test
  annotations:
    helm.sh/hook: test
`;
// Helm heads CRDs with their path in the chart, without the chart's name
const crd = '---\n# Source: crds/crd.yaml\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.x.io\n\n';
const DEFAULTS = { name: 'release-name', ns: 'default', a: '1', kind: 'float64', tag: 'v1', gone: 'true', kube: 'v1.27.0', hasX: 'false' };

describe('cli: kubehex render on a Helm chart', () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    for (const [p, t] of Object.entries(files)) { mkdirSync(dirname(join(dir, p)), { recursive: true }); writeFileSync(join(dir, p), t); }
  };
  const run = (argv: string[]) => {
    let out = '';
    let err = '';
    const code = cmdRender(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: dir });
    return { code, out, err };
  };
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-render-helm-')));
    write(CHART);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults: release-name, namespace default, Kubernetes v1.27.0, test hooks after the manifests, no CRDs', () => {
    assert.deepEqual(run(['demo']), { code: 0, out: cm(DEFAULTS) + testPod('release-name'), err: '' });
  });

  it('takes every flag: --values (repeatable, in order), --set, --release-name, --namespace, --kube-version, --api-versions, --include-crds, --skip-tests', () => {
    const r = run(['demo', '--values', 'prod.yaml', '-f', 'more.yaml', '--set', 'a=true', '--set', 'gone=null', '--release-name', 'web', '--namespace', 'prod',
      '--kube-version', '1.29', '--api-versions', 'x.io/v1', '--api-versions=y.io/v1', '--include-crds', '--skip-tests']);
    assert.deepEqual(r, { code: 0, out: crd + cm({ name: 'web', ns: 'prod', a: 'true', kind: 'bool', tag: 'v3', gone: 'false', kube: 'v1.29.0', hasX: 'true' }), err: '' });
    // the later values file wins
    assert.equal(run(['demo', '--values', 'more.yaml', '--values', 'prod.yaml', '--skip-tests']).out, cm({ ...DEFAULTS, tag: 'v2' }));
  });

  it('types --set values as Helm\'s strvals does', () => {
    const kindOf = (v: string) => /aKind: (\S+)/.exec(run(['demo', '--set', `a=${v}`, '--skip-tests']).out)?.[1];
    assert.deepEqual(['2', '0', 'true', 'FALSE', '1.5', '0x10', '007', 'x'].map(kindOf), ['int64', 'int64', 'bool', 'bool', 'string', 'string', 'string', 'string']);
    assert.equal(run(['demo', '--set', 'image.tag=a\\,b', '--skip-tests']).out, cm({ ...DEFAULTS, tag: 'a,b' }));
  });

  it('a render error exits 1 with Helm\'s wording, prefixed FILE:LINE:COL (1-based) or FILE', () => {
    write({
      'req/Chart.yaml': 'apiVersion: v2\nname: req\nversion: 0.1.0\n',
      'req/templates/a.yaml': 'kind: ConfigMap\ndata:\n  x: {{ required "x.y is required" .Values.x }}\n',
      'syntax/Chart.yaml': 'apiVersion: v2\nname: syntax\nversion: 0.1.0\n',
      'syntax/templates/a.yaml': 'kind: ConfigMap\ndata:\n  x: {{ .Values.x\n',
      'schema/Chart.yaml': 'apiVersion: v2\nname: schema\nversion: 0.1.0\n',
      'schema/values.yaml': 'replicas: two\n',
      'schema/values.schema.json': '{"type": "object", "properties": {"replicas": {"type": "integer"}}}\n',
      'schema/templates/a.yaml': 'kind: ConfigMap\n',
      'kube/Chart.yaml': 'apiVersion: v2\nname: kube\nversion: 0.1.0\nkubeVersion: ">= 1.30.0-0"\n',
      'kube/templates/a.yaml': 'kind: ConfigMap\n',
    });
    assert.deepEqual(run(['req']), { code: 1, out: '', err: 'req/templates/a.yaml:3:9: execution error at (req/templates/a.yaml:3:8): x.y is required\n' });
    assert.deepEqual(run(['syntax']), { code: 1, out: '', err: 'syntax/templates/a.yaml:4:1: parse error at (syntax/templates/a.yaml:4): unclosed action started at syntax/templates/a.yaml:3\n' });
    assert.deepEqual(run(['schema']), { code: 1, out: '', err: 'schema/values.schema.json: values don\'t meet the specifications of the schema(s) in the following chart(s):\nschema:\n- replicas: Invalid type. Expected: integer, given: string\n\n' });
    assert.deepEqual(run(['kube']), { code: 1, out: '', err: 'kube/Chart.yaml:4:1: chart requires kubeVersion: >= 1.30.0-0 which is incompatible with Kubernetes v1.27.0\n' });
    assert.deepEqual(run(['kube', '--kube-version', '1.30.1']).code, 0);
    assert.deepEqual(run(['demo', '--release-name', 'Bad_Name']), { code: 1, out: '', err: 'demo: release name "Bad_Name": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53\n' });
  });

  it('usage errors exit 2 with one line and render nothing', () => {
    const usage = (argv: string[], err: string) => assert.deepEqual(run(argv), { code: 2, out: '', err: `kubehex: ${err}\n` });
    usage(['demo', '--set', 'novalue'], 'failed parsing --set data: key "novalue" has no value');
    usage(['demo', '--set', 'list[x]=1'], 'failed parsing --set data: failed to parse index: strconv.Atoi: parsing "x": invalid syntax');
    usage(['demo', '--kube-version', 'abc'], 'invalid kube version \'abc\': Invalid Semantic Version');
    usage(['demo', '--values', 'nope.yaml'], '--values nope.yaml: no such file');
    usage(['demo', '--values'], '--values needs a value');
    usage(['demo', '--bogus'], 'unknown option --bogus (see kubehex --help)');
    usage([], 'render takes exactly one PATH (a chart or kustomization directory)');
    usage(['demo', 'prod.yaml'], 'render takes exactly one PATH (a chart or kustomization directory)');
    usage(['prod.yaml'], 'prod.yaml: not a directory (render takes a chart or kustomization directory)');
  });
});
