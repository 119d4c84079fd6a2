// Rebuilding a kustomization after an edit (the language server's keystroke path): kept parses of unchanged
// files and kept printed resources give exactly what a fresh build and lint give.
import * as assert from 'node:assert/strict';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diskFs } from '../../cli/disk-fs';
import { keepKustomizeBuilds, keepParsedYaml, kustomizeRenderer, lintRendered, memoryFs, renderSource, type RenderedSource, type RenderResult } from '../../render';
import { parseYaml } from '../../render/kustomize/yaml-in';
import * as keptDirs from '../../render/kustomize/kept-dirs';

const CRD = (name: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}s.example.com\nspec:\n  group: example.com\n  names: {kind: ${name[0].toUpperCase()}${name.slice(1)}, plural: ${name}s}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n`;
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n';
const PATCH = (v: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: ${v}\n`;

function tree(patch: string, deploy = DEPLOY) {
  return memoryFs({
    '/w/base/kustomization.yaml': 'resources:\n  - crds.yaml\n  - deploy.yaml\n',
    '/w/base/crds.yaml': `${CRD('gadget')}---\n${CRD('widget')}`,
    '/w/base/deploy.yaml': deploy,
    '/w/app/kustomization.yaml': 'namePrefix: p-\nresources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
    '/w/app/patch.yaml': patch,
  });
}

const set = resolveRules(rules, undefined, 'recommended');
const judged = (rs: RenderedSource) => {
  const out = lintRendered(rs, set, rs.objects);
  return { text: rs.result.text, errors: out.errors, findings: out.findings.map((f) => [f.ruleId, f.file, f.range, f.message, f.trace]) };
};

describe('render: rebuilding after an edit equals a fresh build', () => {
  after(() => keepKustomizeBuilds(0));

  it('a kept parse is a copy: a build changing its tree in place does not change the next build', () => {
    keepParsedYaml(1 << 20);
    const first = parseYaml(DEPLOY, '/d.yaml');
    (first[0].node as any).entries.splice(0, 1);
    const again = parseYaml(DEPLOY, '/d.yaml');
    assert.equal((again[0].node as any).entries[0].key, 'apiVersion');
    assert.notEqual(again[0].node, parseYaml(DEPLOY, '/d.yaml')[0].node);
    // builds with kept parses: the same output and findings, each time
    const fresh = judged(renderSource(tree(PATCH('true')), '/w/app', kustomizeRenderer, {}, set));
    for (let i = 0; i < 3; i++) assert.deepEqual(judged(renderSource(tree(PATCH('true')), '/w/app', kustomizeRenderer, {}, set)), fresh);
  });

  it('every fixture tree builds the same with kept parses and printed resources, first and second time', () => {
    const FIX = resolve(__dirname, '../../../test/fixtures/kustomize');
    const roots: string[] = [];
    const walk = (d: string) => {
      if (existsSync(join(d, 'kustomization.yaml')) || existsSync(join(d, 'kustomization.yml')) || existsSync(join(d, 'Kustomization'))) roots.push(d);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'expected') walk(join(d, e.name));
    };
    walk(FIX);
    assert.ok(roots.length >= 40, String(roots.length));
    const fs = diskFs();
    const seen = (r: RenderResult) => JSON.stringify({
      text: r.text, segments: r.map.segments, errors: r.errors, notes: r.notes, inputs: r.inputs,
      // a document's offsets as the engine takes them: from `base` (a kept composed document is placed already, base 0)
      documents: r.documents?.map((d) => {
        const doc = d.doc ?? d.compose?.();
        return { start: d.start, end: d.end, head: d.head, doc: d.doc?.toJS(), range: doc?.range.map((x) => x + d.base) };
      }),
    });
    keepKustomizeBuilds(0);
    const fresh = roots.map((root) => seen(kustomizeRenderer.render(fs, root, { kustomize: {} })));
    keepKustomizeBuilds(1 << 24);
    for (let pass = 0; pass < 2; pass++) {
      roots.forEach((root, i) => assert.equal(seen(kustomizeRenderer.render(fs, root, { kustomize: {} })), fresh[i], `${root} (pass ${pass + 1})`));
    }
  });

  it('a kept printed resource is reused only for the same tree and the same sources', () => {
    keepKustomizeBuilds(1 << 24);
    const a = renderSource(tree(PATCH('false')), '/w/app', kustomizeRenderer, {}, set);
    // the patch moves down a line: the Deployment's values come from other lines of it, the CRDs are unchanged
    const b = renderSource(tree(`# moved\n${PATCH('false')}`), '/w/app', kustomizeRenderer, {}, set);
    assert.equal(b.result.text, a.result.text);
    const fromPatch = (rs: RenderedSource) => rs.result.map.segments.filter((x) => x.origin.kind === 'node' && x.origin.file === '/w/app/patch.yaml').map((x) => (x.origin as { range: { start: { line: number } } }).range.start.line);
    assert.deepEqual(fromPatch(b), fromPatch(a).map((l) => l + 1));
    keepKustomizeBuilds(0);
    const c = renderSource(tree(`# moved\n${PATCH('false')}`), '/w/app', kustomizeRenderer, {}, set);
    assert.deepEqual(JSON.stringify(b.result.map.segments), JSON.stringify(c.result.map.segments));
  });

  it('printed resources stay kept while other roots build in between (overlays sharing an edited base)', () => {
    keepKustomizeBuilds(1 << 24);
    const fs = memoryFs({
      '/w/base/kustomization.yaml': 'resources:\n  - crds.yaml\n',
      '/w/base/crds.yaml': `${CRD('gadget')}---\n${CRD('widget')}`,
      '/w/a/kustomization.yaml': 'resources:\n  - ../base\n',
      '/w/b/kustomization.yaml': 'resources:\n  - ../base\ncommonLabels: {team: b}\n',
    });
    const a1 = kustomizeRenderer.render(fs, '/w/a', {});
    const b1 = kustomizeRenderer.render(fs, '/w/b', {});
    const a2 = kustomizeRenderer.render(fs, '/w/a', {});
    assert.notEqual(b1.text, a1.text);
    assert.equal(a2.text, a1.text);
    // the same segment objects: nothing of a2 was printed again
    assert.ok(a2.map.segments.length > 10 && a2.map.segments.every((x, i) => x === a1.map.segments[i]));
    keepKustomizeBuilds(0);
  });
});

describe('render: a rebuild reuses the bases whose files did not change (kept-dirs.ts)', () => {
  after(() => keepKustomizeBuilds(0));
  const files = (patch: string, extra: Record<string, string> = {}) => ({
    '/w/base/kustomization.yaml': 'resources:\n  - crds.yaml\n  - deploy.yaml\n',
    '/w/base/crds.yaml': `${CRD('gadget')}---\n${CRD('widget')}`,
    '/w/base/deploy.yaml': DEPLOY,
    '/w/mid/kustomization.yaml': 'resources:\n  - ../base\ncommonLabels: {team: mid}\n',
    '/w/app/kustomization.yaml': 'namePrefix: p-\nnamespace: prod\nresources:\n  - ../mid\npatches:\n  - path: patch.yaml\n',
    '/w/app/patch.yaml': patch,
    ...extra,
  });
  const build = (f: Record<string, string>) => judged(renderSource(memoryFs(f), '/w/app', kustomizeRenderer, {}, set));

  it('an edit of the overlay\'s patch reuses its bases, and gives what a fresh build gives', () => {
    const states = [PATCH('true'), PATCH('false'), `# moved\n${PATCH('true')}`, PATCH('true').replace('privileged: true', 'privileged: true\n            runAsUser: 0'), PATCH('true')];
    keepKustomizeBuilds(0);
    const fresh = states.map((p) => build(files(p)));
    keepKustomizeBuilds(1 << 24);
    const used = () => keptDirs.keptDirsUsed;
    build(files(states[0]));
    states.forEach((p, i) => {
      const before = used();
      assert.deepEqual(build(files(p)), fresh[i], `state ${i}`);
      assert.equal(used() - before, 1, `state ${i}: ../mid (with ../base in it) reused`);
    });
    assert.ok(fresh[0].findings.some((f) => f[0] === 'privileged-container' && f[1] === '/w/app/patch.yaml'));
    assert.ok(!fresh[1].findings.some((f) => f[0] === 'privileged-container'));
  });

  it('a base is built again when a file it reads changes, appears or goes, and gives what a fresh build gives', () => {
    const withMore = (more: string | undefined) => files(PATCH('true'), {
      '/w/base/kustomization.yaml': 'resources:\n  - crds.yaml\n  - deploy.yaml\n  - more.yaml\n',
      ...(more === undefined ? {} : { '/w/base/more.yaml': more }),
    });
    const states = [
      files(PATCH('true')),
      files(PATCH('true'), { '/w/base/deploy.yaml': DEPLOY.replace('nginx:1.27', 'nginx:1.28') }),
      withMore(undefined),
      withMore('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more\n'),
      withMore('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more2\n'),
      withMore(undefined),
      files(PATCH('true'), { '/w/mid/kustomization.yaml': 'resources:\n  - ../base\ncommonLabels: {team: other}\n' }),
      files(PATCH('true')),
    ];
    keepKustomizeBuilds(0);
    const fresh = states.map(build);
    assert.equal(fresh[2].errors.length, 1, 'more.yaml missing: an error');
    assert.ok(fresh[1].text.includes('nginx:1.28') && fresh[4].text.includes('name: p-more2') && fresh[6].text.includes('team: other'));
    keepKustomizeBuilds(1 << 24);
    for (let pass = 0; pass < 2; pass++) states.forEach((f, i) => assert.deepEqual(build(f), fresh[i], `state ${i} (pass ${pass + 1})`));
  });

  it('a reused base is a copy: the overlay\'s transformers do not change what the next build starts from', () => {
    keepKustomizeBuilds(1 << 24);
    const a = build(files(PATCH('true')));
    const b = build(files(PATCH('true')));
    assert.deepEqual(b, a);
    assert.equal((a.text.match(/namespace: prod/g) ?? []).length, 1);
    assert.equal((b.text.match(/name: p-web/g) ?? []).length, 1);
  });
});

describe('render: composed documents of unchanged printed resources are kept (emit-kept.ts composedAt)', () => {
  after(() => keepKustomizeBuilds(0));
  const VWC = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: hook\nwebhooks:\n  - name: v.example.com\n    sideEffects: None\n    admissionReviewVersions: [v1]\n    clientConfig:\n      service: {name: hook, namespace: default}\n';
  const fs = (patch: string) => memoryFs({
    '/w/base/kustomization.yaml': 'resources:\n  - crds.yaml\n  - deploy.yaml\n  - hook.yaml\n',
    '/w/base/crds.yaml': CRD('gadget'),
    '/w/base/deploy.yaml': DEPLOY,
    '/w/base/hook.yaml': VWC,
    '/w/app/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
    '/w/app/patch.yaml': patch,
  });
  const docsOf = (rs: RenderedSource) => rs.parsed!.docs.map((pd) => pd.doc);

  it('the same text at the same place is the same document; a moved one is composed at its new place; findings as a fresh build', () => {
    const states = [PATCH('true'), PATCH('true'), PATCH('false'), PATCH('true'), PATCH('true').replace('privileged: true', 'privileged: true\n            runAsUser: 0')];
    keepKustomizeBuilds(0);
    const fresh = states.map((p) => judged(renderSource(fs(p), '/w/app', kustomizeRenderer, {}, set)));
    keepKustomizeBuilds(1 << 24);
    const built = states.map((p) => renderSource(fs(p), '/w/app', kustomizeRenderer, {}, set));
    built.forEach((rs, i) => assert.deepEqual(judged(rs), fresh[i], `state ${i}`));
    const kinds = built[0].parsed!.docs.map((pd) => pd.kind);
    assert.deepEqual(kinds, ['CustomResourceDefinition', 'Deployment', 'ValidatingWebhookConfiguration']);
    const [a, b, c, d, e] = built.map(docsOf);
    assert.ok(b[1] && b[2]);
    assert.equal(b[2], a[2], 'the webhook configuration: same text, same place');
    assert.equal(b[1], a[1], 'the Deployment: the same patch text, the same tree');
    assert.notEqual(c[1], a[1], 'the patch changed the Deployment');
    assert.notEqual(c[2], a[2], 'privileged: false is one character longer: the webhook configuration moved');
    assert.equal(d[2], a[2], 'and back: the document composed at that place before');
    assert.notEqual(e[2], a[2]);
    // every composed document's offsets are those of the whole text
    for (const rs of built) {
      for (const pd of rs.parsed!.docs) {
        if (!pd.doc) continue;
        assert.equal(rs.result.text.slice(pd.doc.contents!.range![0]).split('\n')[0], 'apiVersion: ' + String((pd.doc.toJS() as { apiVersion: string }).apiVersion));
      }
    }
  });
});
