// Rebuilding a kustomization after an edit (the language server's keystroke path): kept parses of unchanged
// files and documents taken over from the previous output give exactly what a fresh build and lint give.
import * as assert from 'node:assert/strict';
import { parseManifest, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { keepParsedYaml, kustomizeRenderer, lintRendered, memoryFs, renderSource, type RenderedSource } from '../../render';
import { reparseManifest } from '../../render/reparse';
import { parseYaml } from '../../render/kustomize/yaml-in';

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
const docsOf = (p: ReturnType<typeof parseManifest>) => p.docs.map((d) => ({ index: d.index, start: d.start, end: d.end, kind: d.kind, apiVersion: d.apiVersion, lazy: !!d.lazy, composed: !!d.doc, value: d.value, errors: d.errors }));

describe('render: rebuilding after an edit equals a fresh build', () => {
  after(() => keepParsedYaml(0));

  it('takes over the unchanged CRD documents of the previous output, and the result equals a fresh parse', () => {
    const opts = { kinds: set.kinds, lazy: set.lazy };
    const a = renderSource(tree(PATCH('false')), '/w/app', kustomizeRenderer, {}, set);
    const b = renderSource(tree(PATCH('true')), '/w/app', kustomizeRenderer, {}, set, a);
    const fresh = parseManifest(b.result.text, opts);
    assert.deepEqual(docsOf(b.parsed!), docsOf(fresh));
    const crds = b.parsed!.docs.filter((d) => d.kind === 'CustomResourceDefinition');
    assert.equal(crds.length, 2);
    assert.ok(crds.every((d) => d.lazy && d.lazy.text === b.result.text));
    // the same objects (a lookup composed them at most once)
    assert.equal(crds[0].objects, a.parsed!.docs.find((d) => d.kind === 'CustomResourceDefinition')!.objects);
    assert.deepEqual(judged(b), judged(renderSource(tree(PATCH('true')), '/w/app', kustomizeRenderer, {}, set)));
    assert.ok(judged(b).findings.some((f) => f[0] === 'privileged-container' && f[1] === '/w/app/patch.yaml'));
  });

  it('moves a document parsed alone to its place: offsets, node ranges and error lines', () => {
    const opts = { kinds: set.kinds, lazy: set.lazy };
    const one = `${CRD('gadget')}---\n${DEPLOY}`;
    const prev = reparseManifest(one, undefined, opts);
    // a longer first document moves the second; a duplicate key in it is reported on its own line
    const two = `${CRD('gadget')}---\n${CRD('widget')}---\n${DEPLOY.replace('  name: web\n', '  name: web\n  name: web2\n')}`;
    const got = reparseManifest(two, prev, opts);
    const want = parseManifest(two, opts);
    assert.deepEqual(docsOf(got), docsOf(want));
    assert.deepEqual(got.docs.map((d) => d.duplicates), want.docs.map((d) => d.duplicates));
    const dep = got.docs[2].doc!;
    assert.deepEqual(dep.range, want.docs[2].doc!.range);
    assert.deepEqual((dep.contents as any).items[0].value.range, (want.docs[2].doc!.contents as any).items[0].value.range);
    // a suppression comment, a changed rule set: parsed whole, as before
    const other = { kinds: new Set(['Deployment']), lazy: set.lazy };
    assert.deepEqual(docsOf(reparseManifest(two, prev, other)), docsOf(parseManifest(two, other)));
  });

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
});
