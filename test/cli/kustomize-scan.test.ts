import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scan } from '../../cli/scan';
import type { RenderedFinding } from '../../render';

/** Writes a tree of files under a fresh temp folder; returns the folder. */
export function tree(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-kz-')));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...allFiles(p)); else out.push(p);
  }
  return out;
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        securityContext:
          privileged: true
`;

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

type Found = RenderedFinding & { file: string };

async function findings(dir: string, alsoRules?: string[]): Promise<Found[]> {
  const res = await scan({ files: allFiles(dir), ...(alsoRules ? { alsoRules } : {}) });
  return res.results.flatMap((r) => r.findings.map((f) => ({ ...(f as RenderedFinding), file: r.file.slice(dir.length + 1) })));
}

describe('cli: scan builds kustomizations (overlays, shared bases, namespaces)', () => {
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('a base problem reached through three overlays is reported once, the overlays in its trace', async () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT,
      'overlays/a/kustomization.yaml': 'namespace: ns-a\nresources:\n- ../../base\n',
      'overlays/b/kustomization.yaml': 'namespace: ns-b\nresources:\n- ../../base\n',
      'overlays/c/kustomization.yaml': 'namespace: ns-c\nnamePrefix: c-\nresources:\n- ../../base\n',
    });
    dirs.push(dir);
    const priv = (await findings(dir)).filter((f) => f.ruleId === 'privileged-container');
    assert.equal(priv.length, 1);
    assert.equal(priv[0].file, 'base/deployment.yaml');
    assert.deepEqual(priv[0].range, { start: { line: 17, character: 10 }, end: { line: 17, character: 26 } });
    assert.deepEqual(priv[0].trace.map((t) => [t.file.slice(dir.length + 1), t.range.start.line, t.note]), [
      ['overlays/a/kustomization.yaml', 2, 'via overlay a'],
      ['overlays/b/kustomization.yaml', 2, 'via overlay b'],
      ['overlays/c/kustomization.yaml', 3, 'via overlay c: Deployment c-web: container "web" runs privileged, with full access to the node.'],
    ]);
  });

  it('a value a generator read is shown where it was written: the literal, the env file line, the data file', async () => {
    const dir = tree({
      'app/kustomization.yaml': 'configMapGenerator:\n- name: app\n  literals:\n  - LOG_LEVEL=info\n  - DB_PASSWORD=s3cr3t-Pa55\n  envs:\n  - app.env\n  files:\n  - conf/aws.conf\n',
      'app/app.env': 'MODE=fast\n# a comment\n  API_TOKEN=abcd1234efgh5678\n',
      'app/conf/aws.conf': '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n',
    });
    dirs.push(dir);
    const got = (await findings(dir)).filter((f) => f.ruleId === 'configmap-credentials');
    const at = (f: Found) => [f.file, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.trace.map((t) => [t.file.slice(dir.length + 1), t.range.start.line, t.note])];
    assert.deepEqual(got.map(at).sort(), [
      // the env line (indent skipped, as kustomize trims it), with the envs entry that read the file in the trace
      ['app/app.env', 2, 2, 2, 28, [['app/kustomization.yaml', 6, 'env file of configMapGenerator app']]],
      // a data file: the whole file is the value
      ['app/conf/aws.conf', 0, 0, 1, 40, [['app/kustomization.yaml', 8, 'file of configMapGenerator app']]],
      // a literal: its entry in the kustomization
      ['app/kustomization.yaml', 4, 4, 4, 27, []],
    ]);
  });

  it('finds kustomizations named `Kustomization` (no extension) in a folder scan, and builds them', async () => {
    const dir = tree({
      'base/Kustomization': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT,
      'overlays/x/Kustomization': 'namespace: x\nresources:\n- ../../base\n',
    });
    dirs.push(dir);
    const { collectFiles } = await import('../../cli/files');
    assert.deepEqual(collectFiles([dir]).files.map((f) => f.slice(dir.length + 1)).sort(), ['base/Kustomization', 'base/deployment.yaml', 'overlays/x/Kustomization']);
    const res = await scan({ files: collectFiles([dir]).files });
    assert.deepEqual(res.results.map((r) => [r.file.slice(dir.length + 1), r.skipped ?? null]).filter(([, s]) => s).sort(), [
      ['base/Kustomization', 'kustomize-input'], ['base/deployment.yaml', 'kustomize-input'], ['overlays/x/Kustomization', 'kustomize-input'],
    ]);
    const priv = (await findings(dir)).filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(priv.map((f) => [f.file, f.range.start.line, f.range.start.character, f.trace.map((t) => [t.file.slice(dir.length + 1), t.note])]), [
      ['base/deployment.yaml', 17, 10, [['overlays/x/Kustomization', 'via overlay x']]],
    ]);
  });

  it('network-policy-missing: the kustomization\'s namespace places the workload; a policy of the same build covers it', async () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT,
      'netpol/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- deny.yaml\n',
      'netpol/deny.yaml': DENY_ALL,
      // isolated: the component's policy gets the overlay's namespace too
      'overlays/safe/kustomization.yaml': 'namespace: safe\nresources:\n- ../../base\ncomponents:\n- ../../netpol\n',
      // not isolated: no policy in namespace open
      'overlays/open/kustomization.yaml': 'namespace: open\nresources:\n- ../../base\n',
      // no namespace anywhere: the component's policy is in the same build, so it is taken to share it
      'overlays/plain/kustomization.yaml': 'resources:\n- ../../base\ncomponents:\n- ../../netpol\n',
      // no namespace and no policy in this build: another build's policy does not count
      'overlays/bare/kustomization.yaml': 'namePrefix: bare-\nresources:\n- ../../base\n',
    });
    dirs.push(dir);
    const np = (await findings(dir, ['network-policy-missing'])).filter((f) => f.ruleId === 'network-policy-missing');
    assert.deepEqual(np.map((f) => [f.file, f.range.start.line, f.range.start.character, f.range.end.character, f.message, f.trace.map((t) => t.note)]), [
      // one place in the base, two overlays: one finding; the other overlay's own message rides in its trace step
      ['base/deployment.yaml', 3, 2, 11, 'Deployment bare-web: it has no namespace, and no NetworkPolicy of the same build (kustomization or chart) selects its pods, so all traffic to and from them is allowed.', ['via overlay bare', 'via overlay open: Deployment web: no NetworkPolicy for namespace open in the scanned manifests selects its pods, so all traffic to and from them is allowed.']],
    ]);
  });

  it('a remote base is not fetched: an info finding on its line, the local objects still linted', async () => {
    const dir = tree({
      'app/kustomization.yaml': 'resources:\n- https://github.com/example/crds//deploy?ref=v1\n- deployment.yaml\n',
      'app/deployment.yaml': DEPLOYMENT,
      'patched/kustomization.yaml': 'resources:\n- github.com/example/app/base?ref=v2\npatches:\n- path: patch.yaml\n',
      'patched/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: remote-app\nspec:\n  replicas: 2\n',
    });
    dirs.push(dir);
    const res = await scan({ files: allFiles(dir) });
    assert.deepEqual(res.results.flatMap((r) => r.errors), []);
    const got = res.results.flatMap((r) => r.findings.map((f) => [r.file.slice(dir.length + 1), f.ruleId, f.severity, f.range.start.line, f.range.start.character, f.message] as const));
    const info = got.filter((f) => f[1] === 'render-incomplete');
    assert.deepEqual(info, [
      ['app/kustomization.yaml', 'render-incomplete', 'info', 1, 2, "remote resource 'https://github.com/example/crds//deploy?ref=v1' is not fetched: kubehex builds offline, so the objects it adds were not linted (vendor it to lint them)"],
      ['patched/kustomization.yaml', 'render-incomplete', 'info', 1, 2, "accumulating resources: remote resource 'github.com/example/app/base?ref=v2' is not fetched: kubehex builds offline (vendor the base or build it with kustomize); the rest of the build needs it (no resource matches strategic merge patch \"Deployment.v1.apps/remote-app.[noNs]\": no matches for Id Deployment.v1.apps/remote-app.[noNs]; failed to find unique target for patch Deployment.v1.apps/remote-app.[noNs]): nothing of this kustomization was linted"],
    ]);
    assert.ok(got.some((f) => f[0] === 'app/deployment.yaml' && f[1] === 'privileged-container' && f[3] === 17), 'the local Deployment is linted');
    assert.ok(!got.some((f) => f[0].startsWith('patched/') && f[1] !== 'render-incomplete'), 'nothing else from the build that needs the remote base');
  });

  it('helmCharts: the local chart is rendered by the registered Helm renderer and linted once, through the kustomization', async () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-app\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels:\n      app: {{ .Chart.Name }}\n  template:\n    metadata:\n      labels:\n        app: {{ .Chart.Name }}\n    spec:\n      containers:\n      - name: app\n        image: {{ .Values.image | quote }}\n        securityContext:\n          privileged: {{ .Values.privileged }}\n';
    const dir = tree({
      'kustomization.yaml': 'namespace: shop\nnamePrefix: k-\nhelmCharts:\n- name: app\n  releaseName: web\n  valuesInline:\n    privileged: true\nimages:\n- name: nginx\n  newTag: "1.27"\n',
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/values.yaml': 'image: nginx:1.25\nprivileged: false\nreplicas: 1\n',
      'charts/app/templates/deployment.yaml': template,
    });
    dirs.push(dir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cmdRender } = require('../../cli/render') as typeof import('../../cli/render');
    let out = '';
    assert.equal(cmdRender([dir], { stdout: (x) => { out += x; }, stderr: () => undefined, cwd: dir }), 0);
    assert.equal(out, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: k-web-app\n  namespace: shop\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: app\n        securityContext:\n          privileged: true\n');
    const res = await scan({ files: allFiles(dir) });
    const got = res.results.flatMap((r) => r.findings.map((f) => ({ ...(f as RenderedFinding), file: r.file.slice(dir.length + 1) })));
    assert.ok(got.every((f) => f.rendered.source === dir), 'only the kustomization is rendered; the chart it inflates is not linted alone');
    const at = (id: string) => got.filter((f) => f.ruleId === id).map((f) => [f.file, f.range, f.trace.map((t) => t.note)]);
    assert.deepEqual(at('privileged-container'), [['kustomization.yaml', { start: { line: 6, character: 4 }, end: { line: 6, character: 20 } }, ['{{ .Values.privileged }}']]]);
    // a field missing from a block the template wrote: shown where the block starts in the template
    assert.deepEqual(at('service-account-token-automount'), [['charts/app/templates/deployment.yaml', { start: { line: 14, character: 6 }, end: { line: 14, character: 17 } }, []]]);
    assert.deepEqual(res.results.filter((r) => r.skipped).map((r) => [r.file.slice(dir.length + 1), r.skipped]).sort(), [
      ['charts/app/Chart.yaml', 'kustomize-input'], ['charts/app/templates/deployment.yaml', 'kustomize-input'], ['charts/app/values.yaml', 'kustomize-input'], ['kustomization.yaml', 'kustomize-input'],
    ]);
  });
});
