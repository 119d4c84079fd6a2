import * as assert from 'node:assert/strict';
import { fastParse } from '../../render/kustomize/yaml-fast';
import { parseYamlGeneral } from '../../render/kustomize/yaml-in';

// The fast reader must give exactly what the general path (the `yaml` package) gives, ranges included, or give
// up. Each text below is in its subset: it must be read fast, and equal the general read.
const SAME: Record<string, string> = {
  'maps and sequences': 'a: b\nc:\n  d: e\n  f:\n  - g\n  - h\nlist:\n- x: 1\n  y: 2\n- z\n',
  'scalar kinds': 'i: 1\nf: 1.5\nb: true\nn: null\nt: ~\ne:\nd: 2024-01-02\ns: -1\nq: "7"\nsq: \'it\'\'s\'\ndq: "a\\tb \\u00e9 \\"c\\""\n',
  'multi-line plain': 'desc: foo\n  bar\n\n  baz\nnext: 1\n',
  'multi-line quoted': "m: 'type must: one,\n    two''s\n\n    three  '\nd: \"rule\n    \\ - x \\\"y\\\":\n    z\"\n",
  literal: 'a: |\n  line 1\n\n    more\n  last\nb: |-\n  x\n  y\n\nc: 1\n',
  'flow': 'e: []\nm: {}\nv: ["get", list , \'w\']  # c\n',
  'comments in and after collections': 'a:\n  b: c\n  # kept in a\nd: e\nf:\n  - c\n  # kept\n\ng:\n  h: i\n      # on i\n  j: k\n# top\nl:\n  m: n\n# not in l\no: p\n',
  'indentless and compact': 'a:\n- b: 1\n  c:\n  - d\n  # x\n- e\nf: g\n',
  'empty values': 'a:\nb:\n  c:\nd:\n-\n',
  'documents': '# head\napiVersion: v1\nkind: A\n---\nkind: B\n---\n--- # c\nkind: C\n---\n',
  'duplicate keys': 'a: 1\nb: 2\na: 3\n',
  'no final line break': 'a: |\n  x',
  'quoted keys': '"a b": 1\n\'on\': 2\n',
};

// Outside the subset: the general path reads these (and reports their errors).
const BAIL: Record<string, string> = {
  anchor: 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  folded: 'a: >\n  x\n',
  keep: 'a: |+\n  x\n',
  'explicit key': '? a\n: b\n',
  'flow map': 'a: {b: c}\n',
  tab: 'a:\tb\n',
  'comment after an empty value': 'a:\n# x\nb: 1\n',
  'comment before an empty item': 'a:\n- b\n# x\n-\n',
  'bad indentation': 'a:\n    b: 1\n  c: 2\n',
  'nested mapping on a value line': 'a: b: c\n',
  'scalar document': 'just text\n',
  'merge key': 'a:\n  <<: {}\n',
};

describe('kustomize fast YAML reader', () => {
  for (const [name, text] of Object.entries(SAME)) {
    it(`reads ${name} exactly as the general path`, () => {
      const fast = fastParse(text, '/f.yaml');
      assert.ok(fast, 'read fast');
      assert.deepEqual(fast, parseYamlGeneral(text, '/f.yaml'));
    });
  }
  for (const [name, text] of Object.entries(BAIL)) {
    it(`leaves ${name} to the general path`, () => assert.equal(fastParse(text, '/f.yaml'), undefined));
  }

  it('ends a map where the yaml parser does: at a trailing comment as deep as its last map, or at its last value', () => {
    const end = (text: string) => {
      const root = fastParse(text, '/f.yaml')![0].node!;
      const x = root.kind === 'map' ? root.entries[0].value : undefined;
      return x?.src?.range.end;
    };
    assert.deepEqual(end('x:\n  a:\n    b: c\n    # kept\ny: 1\n'), { line: 4, character: 0 });
    assert.deepEqual(end('x:\n  a:\n    b: c\n# not kept\ny: 1\n'), { line: 3, character: 0 });
  });
});

describe('kustomize build output for the engine', () => {
  it('gives a lazily read CRD its namespace without composing it (none for a cluster-scoped one)', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { resolveRules, deferredHead } = require('../../engine') as typeof import('../../engine');
    const { rules } = require('../../rules') as typeof import('../../rules');
    const { renderSource, kustomizeRenderer, memoryFs } = require('../../render') as typeof import('../../render');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const set = resolveRules(rules, undefined, 'recommended');
    const fs = memoryFs({
      '/k/kustomization.yaml': 'namespace: team\nresources:\n- crd.yaml\n- cm.yaml\n',
      '/k/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n',
      '/k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    const rs = renderSource(fs, '/k', kustomizeRenderer, {}, set);
    const crd = rs.objects.find((o) => o.kind === 'CustomResourceDefinition')!;
    assert.equal(crd.name, 'widgets.example.com');
    assert.equal(crd.namespace, undefined);
    assert.ok(deferredHead(crd), 'still not composed');
    assert.equal(rs.objects.find((o) => o.kind === 'ConfigMap')!.namespace, 'team');
  });
});
