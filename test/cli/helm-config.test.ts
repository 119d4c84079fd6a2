import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

const OFF = ['default-service-account', 'liveness-probe-missing', 'readiness-probe-missing', 'resource-requests-missing', 'resource-limits-missing', 'service-account-token-automount',
  'image-not-pinned', 'namespace-default', 'capabilities-not-dropped', 'run-as-root', 'seccomp-profile-missing', 'writable-root-filesystem', 'privilege-escalation-allowed', 'no-security-context'];
const CONFIG = 'profile: recommended\nrules:\n' + OFF.map((id) => `  ${id}: off\n`).join('');

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-web
  namespace: {{ .Release.Namespace }}
spec:
  hostNetwork: {{ .Values.hostNetwork }}
  {{- if semverCompare ">=1.30-0" .Capabilities.KubeVersion.Version }}
  hostIPC: true
  {{- end }}
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: {{ .Values.privileged }}
`;
const TEST_HOOK = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\nspec:\n  hostPID: true\n  containers:\n    - name: t\n      image: busybox:1.36\n';
const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.x.io\nspec:\n  group: x.io\n';

interface JsonOut { findings: Array<{ ruleId: string; file: string; message: string; object: { kind: string; name: string; namespace: string | null }; trace: Array<{ note: string }>; rendered: { values: string[] } }>; skipped: Array<{ file: string; reason: string }> }

describe('cli: scan renders charts with .kubehex.yaml helm settings and the render flags', function () {
  this.timeout(60000);
  let dir: string;
  const scan = (args: string[], config = CONFIG) => {
    writeFileSync(join(dir, '.kubehex.yaml'), config);
    const r = kubehex(['scan', 'chart', '--format', 'json', ...args], { cwd: dir });
    return { ...r, json: r.stdout ? JSON.parse(r.stdout) as JsonOut : undefined };
  };
  const found = (j: JsonOut | undefined) => (j?.findings ?? []).map((f) => `${f.ruleId} ${f.object.kind}/${f.object.namespace ?? '-'}/${f.object.name} @${f.file}`).sort();
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'chart', 'templates', 'tests'), { recursive: true });
    mkdirSync(join(dir, 'chart', 'crds'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'values.yaml'), 'hostNetwork: false\nprivileged: false\n');
    writeFileSync(join(dir, 'chart', 'templates', 'pod.yaml'), POD);
    writeFileSync(join(dir, 'chart', 'templates', 'tests', 'test.yaml'), TEST_HOOK);
    writeFileSync(join(dir, 'chart', 'crds', 'crd.yaml'), CRD);
    writeFileSync(join(dir, 'prod.yaml'), 'privileged: true\n');
  });

  it('defaults: release-name in default, Kubernetes 1.27, test hooks linted', () => {
    const r = scan([]);
    assert.deepEqual(found(r.json), ['host-pid Pod/-/release-name-test @chart/templates/tests/test.yaml']);
  });

  it('takes --values, --set, --release-name, --namespace, --kube-version, --skip-tests on the scan command line', () => {
    const r = scan(['--values', 'prod.yaml', '--set', 'hostNetwork=true', '--release-name', 'shop', '--namespace', 'prod', '--kube-version', '1.30', '--skip-tests']);
    assert.deepEqual(found(r.json), [
      'host-ipc Pod/prod/shop-web @chart/templates/pod.yaml',
      'host-network Pod/prod/shop-web @chart/templates/pod.yaml',
      'privileged-container Pod/prod/shop-web @prod.yaml',
    ]);
    const net = r.json!.findings.find((f) => f.ruleId === 'host-network')!;
    assert.deepEqual([net.trace.map((t) => t.note), net.rendered.values], [['--set hostNetwork=true'], ['prod.yaml']]);
    assert.equal(r.code, 1);
  });

  it('takes the chart\'s values files, set values, release name and namespace from .kubehex.yaml (over the flags), and kubernetesVersion for .Capabilities', () => {
    const config = `${CONFIG}kubernetesVersion: "1.31"\nhelm:\n  charts:\n    chart:\n      values: [prod.yaml]\n      set:\n        hostNetwork: true\n      releaseName: shop\n      namespace: prod\n`;
    const r = scan(['--release-name', 'cli', '--skip-tests'], config);
    assert.deepEqual(found(r.json), [
      'host-ipc Pod/prod/shop-web @chart/templates/pod.yaml',
      'host-network Pod/prod/shop-web @chart/templates/pod.yaml',
      'privileged-container Pod/prod/shop-web @prod.yaml',
    ]);
    // --kube-version beats the configured kubernetesVersion
    assert.deepEqual(found(scan(['--kube-version', '1.29', '--skip-tests'], config).json).filter((f) => f.startsWith('host-ipc')), []);
  });

  it('a bad helm section is a configuration error with file:line (exit 2)', () => {
    const r = scan([], `${CONFIG}helm:\n  charts:\n    chart:\n      values: prod.yaml\n      kubeVersion: "1.29"\n`);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const line = CONFIG.split('\n').length - 1 + 4; // helm:, charts:, chart:, values:
    assert.equal(r.stderr, `kubehex: .kubehex.yaml:${line}:7: helm.charts.chart.values: expected a list\nkubehex: .kubehex.yaml:${line + 1}:7: unknown setting "kubeVersion" at helm.charts.chart; expected one of: values, set, releaseName, namespace\n`);
  });

  it('bad render flags are usage errors (exit 2)', () => {
    assert.deepEqual([scan(['--set', 'a[x]=1']).stderr, scan(['--kube-version', 'v']).stderr, scan(['--values', 'missing.yaml']).stderr], [
      'kubehex: failed parsing --set data: failed to parse index: strconv.Atoi: parsing "x": invalid syntax\n',
      'kubehex: invalid kube version \'v\': Invalid Semantic Version\n',
      'kubehex: --values missing.yaml: no such file\n',
    ]);
  });
});
