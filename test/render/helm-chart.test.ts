import * as assert from 'node:assert/strict';
import { visit } from 'yaml';
import { parseManifest, parseManifestPrepared, type ParsedFile } from '../../engine';
import { memoryFs } from '../../render/fs';
import { keepHelmRenders, renderChart } from '../../render/helm';
import type { HelmOptions } from '../../render/types';
import { literalEngine } from './helm-literal-engine';

const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';

function render(files: Record<string, string | Uint8Array>, helm: HelmOptions = {}, root = '/c') {
  return renderChart(memoryFs(files), root, { helm }, literalEngine);
}

describe('render/helm: output as helm template prints it', () => {
  it('orders by kind (install order, unknown kinds last and alphabetical), splits documents and drops empty ones', () => {
    // "---" right after a separator is not a separator (the separator ate the line break before it): Helm's quirk
    const r = render({
      '/c/Chart.yaml': CHART,
      '/c/templates/a.yaml': 'kind: Deployment\nmetadata:\n  name: d\n---\n\n---\nkind: Zebra\n---\nkind: Alpha\n',
      '/c/templates/b.yaml': '\n# just a comment\n---\nkind: ServiceAccount\n',
      '/c/templates/c.yaml': '   \n',
      '/c/templates/_helpers.tpl': 'kind: Namespace\n',
      '/c/templates/NOTES.txt': 'Thanks\n',
    });
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, [
      '---\n# Source: app/templates/b.yaml\nkind: ServiceAccount',
      '---\n# Source: app/templates/a.yaml\nkind: Deployment\nmetadata:\n  name: d',
      '---\n# Source: app/templates/b.yaml\n# just a comment',
      '---\n# Source: app/templates/a.yaml\nkind: Alpha',
      '---\n# Source: app/templates/a.yaml\n---\nkind: Zebra\n',
    ].join('\n'));
  });

  it('puts hooks after the manifests, drops unknown hook events and test hooks with --skip-tests', () => {
    const hook = (kind: string, event: string) => `kind: ${kind}\nmetadata:\n  annotations:\n    helm.sh/hook: ${event}\n`;
    const files = {
      '/c/Chart.yaml': CHART,
      '/c/templates/job.yaml': hook('Job', 'pre-install,post-upgrade'),
      '/c/templates/svc.yaml': 'kind: Service\n',
      '/c/templates/tests/t.yaml': hook('Pod', 'test'),
      '/c/templates/weird.yaml': hook('Pod', 'sometime'),
      '/c/templates/sa.yaml': hook('ServiceAccount', 'pre-install'),
    };
    const r = render(files);
    assert.deepEqual(r.text.split('\n').filter((l) => l.startsWith('# Source')), [
      '# Source: app/templates/svc.yaml', '# Source: app/templates/sa.yaml', '# Source: app/templates/tests/t.yaml', '# Source: app/templates/job.yaml',
    ]);
    const s = render(files, { skipTests: true });
    assert.ok(!s.text.includes('tests/t.yaml'));
  });

  it('prints crds/ files first, verbatim, with --include-crds only', () => {
    const files = { '/c/Chart.yaml': CHART, '/c/crds/x.yaml': '---\nkind: CustomResourceDefinition\n', '/c/templates/s.yaml': 'kind: Service\n' };
    assert.equal(render(files).text, '---\n# Source: app/templates/s.yaml\nkind: Service\n');
    const r = render(files, { includeCrds: true });
    assert.equal(r.text, '---\n# Source: crds/x.yaml\n---\nkind: CustomResourceDefinition\n\n---\n# Source: app/templates/s.yaml\nkind: Service\n');
    const at = r.text.indexOf('kind: Custom');
    const seg = r.map.at(at)!;
    assert.deepEqual(seg.origin, { kind: 'text', file: '/c/crds/x.yaml', offset: 0 });
    assert.equal(at - seg.start, 4);
  });

  it('maps literal template text back to the template offset', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/templates/s.yaml': '\n\nkind: Service\nmetadata:\n  name: web\n' });
    const at = r.text.indexOf('name: web');
    const seg = r.map.at(at)!;
    assert.equal(seg.origin.kind === 'text' && seg.origin.offset + (at - seg.start), '\n\nkind: Service\nmetadata:\n  '.length);
    assert.deepEqual(r.inputs.map((i) => i.file), ['/c/Chart.yaml', '/c/templates/s.yaml']);
  });

  it('an empty chart prints one line break', () => {
    assert.equal(render({ '/c/Chart.yaml': CHART }).text, '\n');
  });

  it('fails with Helm wording on a document that is not YAML, with empty text', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/templates/bad.yaml': 'spec:\n  a: 5\n    b:\n      c: d\n' });
    assert.equal(r.text, '');
    assert.deepEqual(r.errors.map((e) => [e.file, e.message]), [['/c/templates/bad.yaml', 'YAML parse error on app/templates/bad.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context']]);
  });

  it('fails on a numeric annotation value as Helm does', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/templates/a.yaml': 'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook-weight: 5\n' });
    assert.match(r.errors[0].message, /^YAML parse error on app\/templates\/a\.yaml: error unmarshaling JSON: .*cannot unmarshal number into Go struct field \.metadata\.annotations of type string$/);
  });

  it('reports a fail with its place and Helm wording', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/templates/a.yaml': 'kind: Pod\nx: [[fail boom]]\n' });
    assert.equal(r.text, '');
    assert.deepEqual(r.errors, [{ file: '/c/templates/a.yaml', range: { start: { line: 1, character: 3 }, end: { line: 1, character: 16 } }, message: 'execution error at (app/templates/a.yaml:2:4): boom' }]);
  });

  it('notes a lookup once per chart', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/templates/a.yaml': 'kind: Pod\n[[lookup]][[lookup]]', '/c/templates/b.yaml': 'kind: Pod\n[[lookup]]' });
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0].message, /^rendered without cluster state/);
  });
});

describe('render/helm: each printed document is composed once', () => {
  // The render composes every document to read its head (kind, hooks); the engine lints that parse instead of
  // parsing the printed text again. Both must give the same ParsedFile, node offsets included.
  const shape = (pf: ParsedFile) => pf.docs.map((d) => {
    const ranges: string[] = [];
    if (d.doc) visit(d.doc, { Node: (_k, n) => { ranges.push(`${n.range![0]}-${n.range![1]}`); } });
    return { index: d.index, start: d.start, end: d.end, kind: d.kind, apiVersion: d.apiVersion, composed: !!d.doc, value: d.value, lazy: d.lazy?.name, errors: d.errors, duplicates: d.duplicates, ranges: ranges.join(' ') };
  });
  const files = {
    '/c/Chart.yaml': CHART,
    '/c/crds/x.yaml': '---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.x.io\n---\n# second\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: b.x.io}\n',
    '/c/templates/a.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels: &l {app: d}\nspec:\n  selector:\n    matchLabels: *l\n  template:\n    metadata:\n      labels:\n        <<: *l\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        image: "nginx:1"\n',
    '/c/templates/b.yaml': '# only a comment\n---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}}\n---\napiVersion: v1\nkind: "Service"\nmetadata:\n  name: \'s\'\n...\n',
    '/c/templates/c.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n',
  };
  for (const [name, opts] of [['every kind composed', {}], ['lint kinds, CRDs lazy', { kinds: new Set(['Deployment', 'Job', 'List']), lazy: new Set(['CustomResourceDefinition']) }]] as const) {
    it(`gives the engine the same parse as the printed text (${name})`, () => {
      const r = render(files, { includeCrds: true });
      assert.deepEqual(r.errors, []);
      assert.equal(r.documents?.length, 9);
      const expected = shape(parseManifest(r.text, opts));
      assert.deepEqual(shape(parseManifestPrepared(r.text, r.documents!, opts)), expected);
    });
  }

  it('renders again hand over fresh copies of the documents kept from earlier renders, placed where they print now', () => {
    // a document printed unchanged is composed again the second time and copied afterwards; the engine moves each
    // copy's offsets in place, so no two renders may share one, and a document printed further down must still
    // get the ranges of a parse of the printed text
    keepHelmRenders(1 << 20);
    try {
      const seen = new Set<unknown>();
      const moved = { ...files, '/c/templates/0.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: first\n' };
      for (const [i, f] of [files, files, files, moved, moved].entries()) {
        const r = render(f, { includeCrds: true });
        assert.deepEqual(r.errors, []);
        assert.equal(r.documents?.length, i < 3 ? 9 : 10);
        for (const d of r.documents!) { assert.ok(!seen.has(d.doc), `render ${i}: a document handed over twice`); seen.add(d.doc); }
        assert.deepEqual(shape(parseManifestPrepared(r.text, r.documents!, {})), shape(parseManifest(r.text, {})), `render ${i}`);
      }
    } finally {
      keepHelmRenders(0);
    }
  });

  it('hands over no documents when a crds/ file has a YAML error (the engine then parses the printed text)', () => {
    const r = render({ '/c/Chart.yaml': CHART, '/c/crds/x.yaml': 'kind: CustomResourceDefinition\nspec: [a\n', '/c/templates/a.yaml': 'kind: Pod\n' }, { includeCrds: true });
    assert.deepEqual(r.errors, []);
    assert.equal(r.documents, undefined);
  });
});

describe('render/helm: checks before rendering', () => {
  it('refuses a release name that is not a DNS label, with Helm wording', () => {
    const r = render({ '/c/Chart.yaml': CHART }, { releaseName: 'My_Release' });
    assert.equal(r.errors[0].message, 'release name "My_Release": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53');
  });

  it('checks Chart.yaml kubeVersion against --kube-version', () => {
    const files = { '/c/Chart.yaml': CHART + 'kubeVersion: ">= 1.22.0-0"\n', '/c/templates/a.yaml': 'kind: Pod\n' };
    const r = render(files, { kubeVersion: '1.21' });
    assert.deepEqual(r.errors, [{ file: '/c/Chart.yaml', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 26 } }, message: 'chart requires kubeVersion: >= 1.22.0-0 which is incompatible with Kubernetes v1.21.0' }]);
    assert.deepEqual(render(files, { kubeVersion: '1.27.0' }).errors, []);
  });

  it('refuses a library chart and a missing dependency', () => {
    assert.equal(render({ '/c/Chart.yaml': CHART + 'type: library\n' }).errors[0].message, 'library charts are not installable');
    const r = render({ '/c/Chart.yaml': CHART + 'dependencies:\n- name: db\n  version: 1.x\n' });
    assert.match(r.errors[0].message, /found in Chart\.yaml, but missing in charts\/ directory: db$/);
  });

  it('validates Chart.yaml', () => {
    assert.equal(render({ '/c/Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' }).errors[0].message, 'validation: chart.metadata.name is required');
    assert.equal(render({ '/c/Chart.yaml': 'apiVersion: v2\nname: a\nversion: one\n' }).errors[0].message, 'validation: chart.metadata.version "one" is invalid');
  });
});
