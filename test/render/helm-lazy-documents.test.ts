import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { parseManifestPrepared, YAML_OPTIONS } from '../../engine';
import { SourceMap } from '../../render/source-map';
import { assemble, keepPrintedDocuments, setLazyMinChars, sortManifests, type RenderedTemplate } from '../../render/helm/manifests';
import { plainDocumentHead } from '../../render/helm/plain-yaml';

const OPTS = { ...YAML_OPTIONS, uniqueKeys: false } as never;

function template(name: string, text: string): RenderedTemplate {
  return { name, file: `/chart/${name}`, text, map: new SourceMap([{ start: 0, end: text.length, origin: { kind: 'text', file: `/chart/${name}`, offset: 0 } }]) };
}

const CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata:',
  '  name: widgets.example.com',
  '  annotations:',
  '    helm.sh/resource-policy: keep',
  'spec:',
  '  group: example.com',
  '  names:',
  '    kind: Widget',
  '  versions:',
  '  - name: v1',
  '    served: true',
  '    schema:',
  '      openAPIV3Schema:',
  '        description: A widget is a thing that',
  '          is described over two lines',
  '        properties:',
  '          size:',
  "            description: 'the size: small, or large'",
  '            type: string',
  '            enum: []',
  '          notes:',
  '            description: |-',
  '              free text',
  '',
  '                with: anything # even this',
  '            type: string',
  '        type: object',
].join('\n');

describe('render/helm: documents of plain shapes are left uncomposed until linted', () => {
  afterEach(() => { setLazyMinChars(8192); keepPrintedDocuments(0); });

  it('reads the text of the top-level apiVersion, kind and metadata entries of a plain document', () => {
    assert.deepEqual(plainDocumentHead(CRD), {
      head: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n  annotations:\n    helm.sh/resource-policy: keep\n',
    });
    // a sequence at its key's column is not a top-level entry; the last entry runs to the end
    assert.deepEqual(plainDocumentHead('kind: RoleBinding\nsubjects:\n- kind: ServiceAccount\n  name: a\nmetadata:\n  name: b'), {
      head: 'kind: RoleBinding\nmetadata:\n  name: b\n',
    });
    assert.deepEqual(plainDocumentHead('"kind": A\n# c\ndata:\n  a: "x\\ny"'), { head: '"kind": A\n# c\n' });
    // quoted scalars over several lines, empty maps below their key, plain lines that start with a quote
    assert.deepEqual(plainDocumentHead("kind: A\nx: 'a: b\n\n  c'' d' # e\ny: \"f\n   g\"\nz:\n  {}\nw:\n- []\n-\n  'h'\nv: i\n  \"j\" k\nmetadata: {}"), { head: 'kind: A\nmetadata: {}\n' });
  });

  it('answers undefined for what it does not know to compose cleanly', () => {
    const unknown = [
      'kind: A\nx: &a 1\ny: *a', // anchors and aliases
      'kind: A\nx:\t1', // a tab
      'kind: A\nx: {a: 1}', // flow content
      'kind: A\nx: "a\n  b', // a quoted scalar never closed
      'kind: A\nx: \'a\nb\'', // a quoted scalar continued at its key's indentation
      'kind: A\nx:\n  "a\n  b"', // a quoted scalar over two lines below its key
      'kind: A\nx: "a\\\n  b"', // an escaped line break
      'kind: A\nx: a: b', // a key in a plain value
      'kind: A\nx: a\n  b: c', // the same on a continuation line
      'kind: A\nx: a # c\n  b', // a comment, then a continuation
      'kind: A\nx: |\n    a\n  b', // a block scalar line less indented than its first
      'kind: A\nx: |\ny: 1', // an empty block scalar
      'kind: A\nx: "a"\n  y: 1', // a more indented line after a complete value
      '- kind: A', // not a map
      '  kind: A', // a map not at column 0
      'kind: A\n x: 1', // an indentation no collection has
      'kind: A\nx: !!str 1', // a tag
      'kind: A\n? x\n: 1', // an explicit key
      'kind: A\nx: "\\q"', // an unknown escape
      'kind: A\nx: 1\r\n', // a carriage return
      'kind: A\n...', // a document end
    ];
    for (const text of unknown) assert.equal(plainDocumentHead(text), undefined, JSON.stringify(text));
  });

  it('accepts only documents the yaml package composes without an error (mutations of a CRD)', () => {
    let seed = 11;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const pieces = [':', ' ', '-', '#', '"', "'", '|', '>', '\n', '\n  ', ': ', ' #', '[', ']', '{', '}', '&', '*', '!', '?', '\\', '- ', '  ', '\n- a: b\n'];
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      let t = CRD;
      for (let k = 1 + rnd(2); k > 0; k--) {
        const p = rnd(t.length);
        t = rnd(2) ? t.slice(0, p) + pieces[rnd(pieces.length)] + t.slice(p) : t.slice(0, p) + t.slice(p + 1 + rnd(3));
      }
      if (!plainDocumentHead(t)) continue;
      accepted++;
      const doc = parseDocument(`---\n# Source: c/t.yaml\n${t}\n`, OPTS);
      assert.deepEqual(doc.errors.map((e) => e.message), [], JSON.stringify(t));
    }
    assert.ok(accepted > 1000, `${accepted} accepted`);
  });

  it('sorts and hooks a large plain document by its head without composing it, and the engine leaves a CRD uncomposed', () => {
    setLazyMinChars(0);
    const hook = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    "helm.sh/hook": pre-install, post-upgrade\nspec:\n  template:\n    spec:\n      containers:\n      - name: m\n        image: busybox';
    const { manifests, hooks } = sortManifests([template('templates/crd.yaml', CRD), template('templates/job.yaml', hook), template('templates/ns.yaml', 'kind: Namespace\nmetadata:\n  name: apps')], {});
    assert.deepEqual(manifests.map((m) => [m.kind, m.name, !!m.doc, m.lazy?.head]), [
      ['Namespace', 'apps', false, { kind: 'Namespace', name: 'apps' }],
      ['CustomResourceDefinition', 'widgets.example.com', false, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' }],
    ]);
    assert.deepEqual(hooks.map((h) => [h.kind, h.name, h.hookEvents]), [['Job', 'migrate', ['pre-install', 'post-upgrade']]]);
    const out = assemble([], manifests, hooks);
    const composed: string[] = [];
    for (const d of out.docs ?? []) {
      const compose = d.compose!;
      d.compose = () => { composed.push(d.head?.kind ?? ''); return compose(); };
    }
    const parsed = parseManifestPrepared(out.text, out.docs!, { kinds: new Set(['Job', 'CustomResourceDefinition']), lazy: new Set(['CustomResourceDefinition']) });
    assert.deepEqual(composed, ['Job']);
    assert.deepEqual(parsed.docs.map((pd) => [pd.kind, pd.start, !!pd.doc, pd.lazy?.name]), [
      ['Namespace', 0, false, undefined],
      ['CustomResourceDefinition', 71, false, 'widgets.example.com'],
      ['Job', 766, true, undefined],
    ]);
    assert.equal(out.text.slice(766, 800), '---\n# Source: templates/job.yaml\na');
    assert.deepEqual((parsed.docs[2].value as { metadata: unknown }).metadata, { name: 'migrate', annotations: { 'helm.sh/hook': 'pre-install, post-upgrade' } });
  });

  it('fails the render with the same message as a composed document when the head is not what Helm reads', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook-weight: 5\ndata:\n  a: b';
    const message = (min: number) => {
      setLazyMinChars(min);
      try { sortManifests([template('templates/cm.yaml', text)], {}); } catch (e) { return (e as Error).message; }
      return 'no error';
    };
    const composed = message(1 << 30);
    assert.equal(composed, 'YAML parse error on templates/cm.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field .metadata.annotations of type string');
    assert.equal(message(0), composed);
  });

  it('keeps a document composed for a rule across renders (language server), as a document composed at once', () => {
    setLazyMinChars(0);
    keepPrintedDocuments(1 << 20);
    const round = () => {
      const { manifests } = sortManifests([template('templates/ns.yaml', 'kind: Namespace\nmetadata:\n  name: apps')], {});
      const m = manifests[0];
      // the engine composes it, since a rule lints Namespaces
      const doc = m.doc ?? m.lazy?.compose();
      return [!!m.doc, doc?.toJS()];
    };
    const value = { kind: 'Namespace', metadata: { name: 'apps' } };
    // composed once (for the rule): a copy kept; every later render gets a copy of that, composed already
    assert.deepEqual([round(), round(), round()], [[false, value], [true, value], [true, value]]);
  });
});
