// Keystrokes in a kustomization's patch and base, over LSP against the real server with every rule on: the
// server reuses what it parsed, built and judged before (kept parses, documents of the previous output, cached
// lint results), and what it publishes after a sequence of edits must equal what a fresh server publishes for
// the same texts (rule ids, ranges, messages, related information).
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, uriOf, type Message } from './lsp-client';
import { removeDir, tempDir } from './helpers';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          envFrom:
            - configMapRef: {name: web-config}
`;
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n';
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  MODE: prod\n';
const BASE_K = 'resources:\n  - crd.yaml\n  - deployment.yaml\n  - service.yaml\n  - config.yaml\n';
const OVERLAY_K = 'namePrefix: prod-\nresources:\n  - ../base\npatches:\n  - path: patch.yaml\n';
const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: false\n';

function writeTree(dir: string, patch = PATCH, deploy = DEPLOY): { patch: string; deploy: string } {
  mkdirSync(join(dir, 'base'), { recursive: true });
  mkdirSync(join(dir, 'overlay'), { recursive: true });
  writeFileSync(join(dir, 'base', 'kustomization.yaml'), BASE_K);
  writeFileSync(join(dir, 'base', 'crd.yaml'), CRD);
  writeFileSync(join(dir, 'base', 'deployment.yaml'), deploy);
  writeFileSync(join(dir, 'base', 'service.yaml'), SERVICE);
  writeFileSync(join(dir, 'base', 'config.yaml'), CONFIG);
  writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), OVERLAY_K);
  writeFileSync(join(dir, 'overlay', 'patch.yaml'), patch);
  return { patch: join(dir, 'overlay', 'patch.yaml'), deploy: join(dir, 'base', 'deployment.yaml') };
}

/** What a diagnostic says, without the workspace's paths (two servers, two temporary trees). */
function shown(diags: any[], dir: string): string[] {
  const strip = (s: string) => s.split(dir).join('<ws>');
  return diags.map((d) => JSON.stringify([d.code, d.severity, d.range, strip(d.message),
    (d.relatedInformation ?? []).map((r: any) => [strip(r.location.uri), r.location.range, strip(r.message)])])).sort();
}

/** The last diagnostics published for `uri`. */
function last(c: LspClient, uri: string): any[] {
  for (let i = c.log.length - 1; i >= 0; i--) {
    const m: Message = c.log[i];
    if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) return m.params.diagnostics;
  }
  return [];
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server: keystrokes in a kustomization equal a fresh build and lint', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  const clients: LspClient[] = [];
  const start = async (root: string) => {
    const c = new LspClient();
    c.settings = { kubehex: {} };
    clients.push(c);
    await c.initialize({ root });
    return c;
  };
  afterEach(() => { for (const c of clients.splice(0)) c.kill(); for (const d of dirs.splice(0)) removeDir(d); });

  /** A fresh server over a new tree holding `patch` and `deploy` on disk, both opened: what it publishes. */
  async function fresh(patch: string, deploy: string): Promise<{ patch: string[]; deploy: string[] }> {
    const dir = tempDir();
    dirs.push(dir);
    const f = writeTree(dir, patch, deploy);
    const c = await start(dir);
    const since = c.mark();
    c.open(uriOf(f.patch), patch);
    c.open(uriOf(f.deploy), deploy);
    await c.diagnostics(uriOf(f.patch), 1, since);
    await c.diagnostics(uriOf(f.deploy), 1, since);
    await settle(600);
    return { patch: shown(last(c, uriOf(f.patch)), dir), deploy: shown(last(c, uriOf(f.deploy)), dir) };
  }

  it('a sequence of edits to a patch and a base publishes what a fresh server publishes for the final texts', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const f = writeTree(dir);
    const c = await start(dir);
    const [pu, du] = [uriOf(f.patch), uriOf(f.deploy)];
    let since = c.mark();
    c.open(pu, PATCH);
    c.open(du, DEPLOY);
    await c.diagnostics(pu, 1, since);
    await c.diagnostics(du, 1, since);
    let patch = PATCH;
    let deploy = DEPLOY;
    let pv = 1;
    let dv = 1;
    const editPatch = async (text: string, wait = true) => {
      patch = text;
      const s = c.mark();
      c.change(pu, ++pv, [{ text }]);
      if (wait) await c.diagnostics(pu, pv, s);
    };
    const editDeploy = async (text: string, wait = true) => {
      deploy = text;
      const s = c.mark();
      c.change(du, ++dv, [{ text }]);
      if (wait) await c.diagnostics(du, dv, s);
    };
    // the patch: privileged on, then more fields, a broken text, and a repaired one (some keystrokes not waited for)
    await editPatch(patch.replace('privileged: false', 'privileged: true'));
    await editPatch(patch.replace('        - name: app\n', '        - name: app\n          image: nginx:latest\n'), false);
    await editPatch(patch.replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:'));
    since = c.mark();
    await editPatch(patch.replace('privileged: true', 'privileged: [true'));
    // a build error sits on the kustomization entry of the patch (published there: it is not open)
    const ku = uriOf(join(dir, 'overlay', 'kustomization.yaml'));
    const broken = (await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === ku && m.params.diagnostics.length > 0, since)).params.diagnostics;
    assert.deepEqual(broken.map((d: any) => [d.code, d.range.start.line]), [['render-error', 4]]);
    since = c.mark();
    await editPatch(patch.replace('privileged: [true', 'privileged: true'));
    assert.deepEqual((await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === ku, since)).params.diagnostics, []);
    // the base: another label (the Service no longer selects it), a missing ConfigMap, a second container
    await editDeploy(deploy.replace('labels: {app: web}\n    spec:', 'labels: {app: web2}\n    spec:').replace('matchLabels: {app: web}', 'matchLabels: {app: web2}'), false);
    await editDeploy(deploy.replace('name: web-config', 'name: web-settings'));
    await editDeploy(`${deploy}        - name: sidecar\n          image: busybox\n          securityContext:\n            allowPrivilegeEscalation: true\n`);
    // and the patch once more, after the base changed
    await editPatch(patch.replace('hostNetwork: true', 'hostPID: true'));
    await settle(800);
    const got = { patch: shown(last(c, pu), dir), deploy: shown(last(c, du), dir) };
    const want = await fresh(patch, deploy);
    assert.deepEqual(got, want);
    // the final state shows the edits (not an empty comparison)
    assert.ok(want.patch.some((d) => d.includes('"host-pid"') || d.includes('host-namespace')), want.patch.join('\n'));
    assert.ok(want.deploy.length > 0);
  });
});
