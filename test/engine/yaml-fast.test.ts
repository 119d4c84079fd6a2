import * as assert from 'node:assert/strict';
import { Document, parseDocument } from 'yaml';
import { YAML_OPTIONS, fastValue, hasDuplicateKeys, parseFast, parseManifest, parseManifestGeneral, type ParseOptions } from '../../engine/parse';
import { LineIndex } from '../../engine/text';
import { FastReader } from '../../engine/yaml-fast';
import { mutate } from '../fuzz-mutate';
import { rng } from '../random';
import { generateManifest } from './manifest-gen';
import { parsedDiff } from './parse-diff';

// The fast path (engine/yaml-fast.ts, parse.ts parseFast) must give exactly the ParsedFile of the `yaml` package's
// path: document offsets, heads, lazy names, errors, values, and every node of a composed document (range, type,
// value, source, tag). Texts in the subset are read without the `yaml` package's parser; others fall back.

const POD_KINDS: ParseOptions = { kinds: new Set(['Pod', 'Deployment', 'Role']), lazy: new Set(['CustomResourceDefinition', 'ServiceAccount']) };
const OPTIONS: ParseOptions[] = [{}, POD_KINDS, { ...POD_KINDS, narrow: { kinds: new Set(['Pod']), lazy: new Set(['ServiceAccount']) } }, { ...POD_KINDS, otherErrors: false }];

function sameAsGeneral(text: string, options = OPTIONS): boolean {
  let fast = false;
  for (const o of options) {
    const general = parseManifestGeneral(text, o);
    const got = parseFast(text, new LineIndex(text), o);
    if (got) {
      fast = true;
      const d = parsedDiff(got, general);
      assert.equal(d, undefined, `${d} in ${JSON.stringify(text)}`);
    }
  }
  return fast;
}

/** Every document read by the fast reader itself (no `yaml` parser), its nodes built from the text too. */
function allFast(text: string): boolean {
  const r = new FastReader(text);
  const segs = r.segments();
  return !!segs && segs.every((s) => r.readHead(s) !== undefined && (s.start === s.end || r.readNodes(s, new Document(undefined, YAML_OPTIONS as never) as never) || !text.slice(s.start, s.end).replace(/^---.*\n?/, '').replace(/#.*/g, '').trim()));
}

/** Each document's plain value as read from the text, when read so, equals the yaml package's toJS. */
function sameValues(text: string): number {
  let n = 0;
  for (const d of parseManifestGeneral(text).docs) {
    const slice = text.slice(d.start, d.end);
    const got = fastValue(slice);
    if (!got) continue;
    n++;
    const doc = parseDocument(slice, YAML_OPTIONS as never);
    assert.equal(doc.errors.length, 0);
    assert.deepEqual(got.value, doc.toJS());
  }
  return n;
}

const SUBSET: Record<string, string> = {
  'maps and sequences': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    args:\n    - a\n    - b\n',
  'scalar kinds': 'kind: Pod\ni: 1\no: 0644\nf: 1.5\nb: yes\nn: null\nt: ~\ne:\nd: 2024-01-02\ns: -1\nq: "7"\nsq: \'it\'\'s\'\ndq: "a\\tb \\u00e9 \\"c\\""\nx: 0x1F\ninf: .inf\n',
  'multi-line plain, continuation lines starting with indicators': 'kind: Pod\ndesc: DryRun performs `kubectl apply\n  --dry-run` and\n  - more [x] {y} *z &a !b |c >d \'e "f %g @h ?i ,j\n\n  last\nnext: 1\n',
  'multi-line quoted values, in maps and sequence items': "kind: Pod\nm: 'type must: one,\n    two''s\n\n    three  '\nl:\n- \"a long\n  value\"\n- 'b\n  c'\nd: \"rule\n    \\\\ x\"\n",
  literal: 'kind: Pod\na: |\n  line 1\n\n    more\n  last\nb: |-\n  x\n  y\n\nc: 1\n',
  flow: 'kind: Pod\ne: []\nm: {}\nv: ["get", list , \'w\']  # c\n',
  'one-line flow maps': 'kind: Deployment\nmetadata: {name: x, labels: {app: web}}\nspec:\n  env:\n  - {name: LOG_LEVEL, value: info}\n  -   { name : "a b" ,value: \'it\'\'s\' }   # c\n      # more\n  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {}}\n',
  'flow map scalars and keys': 'kind: Pod\na: {i: 1, o: 0644, f: 1.5, b: yes, n: null, t: ~, s: x y , q: "7", e: "\\u00e9\\t", u: http//x}\nk: {1: a, yes: b, "on": c, \'x\'\'y\': d, a b: e, f-g: h, "": i}\n',
  'flow scalars starting with -': 'kind: Pod\ncommand: [sh, -c, \'sleep 1\', --x=1, -1, -.5, -a b, -?]\nm: {b: -1, -d: -e, --f: "-"}\n',
  'JSON-like quoted keys': 'kind: Pod\na: {"b":c, \'d\':"e", "f" : [g], "h":{"i":1}}\n',
  'nested one-line flow collections': 'kind: Pod\na: [x, {y: z}, [1, [2]], {} , []]\nb: {l: {cpu: 1 }  , m: [x, {y: z}] }\nc:\n  {d: e}\nf:\n-\n  [g, {h: i}]\n',
  'a flow map as kind and as metadata': 'kind: {a: b}\napiVersion: v1\n---\nkind: ServiceAccount\napiVersion: v1\nmetadata: {name: sa}\nmetadata:\n  name: second\n',
  'comments in and after collections': 'kind: Pod\na:\n  b: c\n  # kept in a\nd: e\nf:\n  - c\n  # kept\n\ng:\n  h: i\n      # on i\n  j: k\n# top\nl:\n  m: n\n# not in l\no: p\n',
  'indentless and compact sequences': 'kind: Role\na:\n- b: 1\n  c:\n  - d\n  # x\n- e\nf: g\n',
  'empty values': 'kind: Pod\na:\nb:\n  c:\nd:\n-\n',
  documents: '# head\napiVersion: v1\nkind: Pod\n---\nkind: Deployment\n---\n--- # c\nkind: ServiceAccount\napiVersion: v1\nmetadata:\n  name: sa\n---\n',
  'duplicate keys': 'kind: Pod\na: 1\nb: 2\na: 3\nmetadata:\n  name: x\n  name: y\n',
  'no final line break': 'kind: Pod\na: |\n  x',
  'quoted keys and heads': '"kind": \'Pod\'\n\'apiVersion\': "v1"\n"a b": 1\n\'on\': 2\n',
  'heads the CST reads as unknown or raw': 'apiVersion:\nkind: |\n  Pod\n---\nkind: Deployment\n  Extra\napiVersion: "apps/\\x76\\u0031"\n---\nkind: [Pod]\n---\nkind: ServiceAccount\napiVersion: v1\nmetadata:\n  name: |\n    sa\n---\nkind: ServiceAccount\napiVersion: v1\nmetadata: x\n---\nkind: ServiceAccount\napiVersion: v1\nmetadata:\n  labels: {}\n  "name": \'it\'\'s\'\nmetadata:\n  name: second\n',
  'a sequence document and an indented first document': '  # c\n  kind: Pod\n  a: 1\n---\n- a\n- b\n',
};

// Outside the subset (read by the `yaml` package, document by document or as a whole), or broken.
const OTHERS: Record<string, string> = {
  anchor: 'kind: Pod\na: &x 1\nb: *x\n',
  tag: 'kind: Pod\na: !!str 1\n',
  folded: 'kind: Pod\na: >\n  x\n',
  keep: 'kind: Pod\na: |+\n  x\n',
  'explicit key': 'kind: Pod\n? a\n: b\n',
  'flow map over two lines': 'kind: Pod\na: {b: c,\n  d: e}\n',
  'flow map explicit key': 'kind: Pod\na: {? b: c}\n',
  'flow map key without value': 'kind: Pod\na: {b}\n',
  'flow map key without value before another': 'kind: Pod\na: {b, c: d}\n',
  'flow map empty value': 'kind: Pod\na: {b: }\n',
  'flow map empty value before another': 'kind: Pod\na: {b: , c: d}\n',
  'flow map colon at the end': 'kind: Pod\na: {b:}\n',
  'flow map trailing comma': 'kind: Pod\na: {b: c,}\n',
  'flow map trailing comma and space': 'kind: Pod\na: {b: c, }\n',
  'flow map empty entry': 'kind: Pod\na: {b: c,, d: e}\n',
  'flow map with spaces only': 'kind: Pod\na: { }\n',
  'flow map comment inside': 'kind: Pod\na: {b: c #x\n  }\n',
  'flow map hash in a plain value': 'kind: Pod\na: {b: c#d}\n',
  'flow map hash in a plain key': 'kind: Pod\na: {b#c: d}\n',
  'flow map anchor': 'kind: Pod\na: {b: &x c}\n',
  'flow map anchored key': 'kind: Pod\na: {&x b: c}\n',
  'flow map alias': 'kind: Pod\nx: &x 1\na: {b: *x}\n',
  'flow map tag': 'kind: Pod\na: {b: !!str 1}\n',
  'flow map tagged key': 'kind: Pod\na: {!!str b: 1}\n',
  'flow map merge key': 'kind: Pod\na: {<<: {b: c}}\n',
  'flow map value -': 'kind: Pod\na: {b: -}\n',
  'flow map value - before a comma': 'kind: Pod\na: {b: -, c: d}\n',
  'flow map key -': 'kind: Pod\na: {-: b}\n',
  'flow map key - and a space': 'kind: Pod\na: {- b: c}\n',
  'flow sequence item -': 'kind: Pod\na: [-]\n',
  'flow sequence item - before a comma': 'kind: Pod\na: [-, b]\n',
  'flow sequence item - and a space': 'kind: Pod\na: [- b]\n',
  'flow sequence item - before a bracket': 'kind: Pod\na: [-[b]]\n',
  'flow sequence item - before a colon': 'kind: Pod\na: [-: b]\n',
  'flow sequence item - before a hash': 'kind: Pod\na: [-#b]\n',
  'flow map value |': 'kind: Pod\na: {b: |c}\n',
  'flow map value >': 'kind: Pod\na: {b: >c}\n',
  'flow map value %': 'kind: Pod\na: {b: %c}\n',
  'flow map value @': 'kind: Pod\na: {b: @c}\n',
  'flow map value backtick': 'kind: Pod\na: {b: `c`}\n',
  'flow map value ?': 'kind: Pod\na: {b: ?c}\n',
  'flow map colon in a plain value': 'kind: Pod\na: {b: c:d}\n',
  'flow map url value': 'kind: Pod\na: {b: http://x:80}\n',
  'flow map colon in a plain key': 'kind: Pod\na: {b:c: d}\n',
  'flow map plain key glued to its colon': 'kind: Pod\na: {b:c}\n',
  'flow map comma in a plain value': 'kind: Pod\na: {b: x,y}\n',
  'flow map bracket in a plain value': 'kind: Pod\na: {b: x]y}\n',
  'flow map brace in a plain value': 'kind: Pod\na: {b: x{y}\n',
  'flow map text after a quoted value': 'kind: Pod\na: {b: "c"d}\n',
  'flow map text after a quoted key': 'kind: Pod\na: {"b"c: d}\n',
  'flow map quoted value over two lines': 'kind: Pod\na: {b: "c\n  d"}\n',
  'flow map bad escape': 'kind: Pod\na: {b: "\\q"}\n',
  'flow map text after it': 'kind: Pod\na: {b: c} d\n',
  'flow map comment glued to it': 'kind: Pod\na: {b: c}#d\n',
  'flow map closed twice': 'kind: Pod\na: {b: c}}\n',
  'flow map as a key': 'kind: Pod\n{b: c}: d\n',
  'flow map as the document': '{kind: Pod}\n',
  'flow map unclosed': 'kind: Pod\na: {b: c\n',
  'flow map pair in a flow sequence': 'kind: Pod\na: [b: c]\n',
  'flow map collection as a key': 'kind: Pod\na: {[b]: c}\n',
  'flow map collection then colon in a sequence': 'kind: Pod\na: [{b: c}: d]\n',
  'flow map sequence item closed by a brace': 'kind: Pod\na: [b}\n',
  'flow map long key': `kind: Pod\na: {${'k'.repeat(1200)}: v}\n`,
  tab: 'kind: Pod\na:\tb\n',
  'tab before the first document': '\t\nkind: Pod\n',
  'comment after an empty value': 'kind: Pod\na:\n# x\nb: 1\n',
  'bad indentation': 'kind: Pod\na:\n    b: 1\n  c: 2\n',
  'nested mapping on a value line': 'kind: Pod\na: b: c\n',
  'scalar document': 'just text\n',
  'merge key': 'kind: Pod\na:\n  <<: {}\n',
  'a folded CRD between documents in the subset': 'kind: Pod\na: 1\n---\nkind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1\nmetadata:\n  name: crd\nd: >\n  x\n---\nkind: Role\nb: 2\n',
  'a broken document no rule reads': 'kind: Pod\na: 1\n---\nkind: ConfigMap\ndata:\n  a: [\n---\nkind: Role\n',
  'a broken document a rule reads': 'kind: Pod\na: "x\n---\nkind: Role\n',
  'document end marker': 'kind: Pod\n...\n# c\n---\nkind: Role\n',
  directive: '%YAML 1.1\n---\nkind: Pod\n',
  CRLF: 'kind: Pod\r\na: 1\r\n',
  'marker with content': '--- |\n  x\n',
  'a surrogate \\u escape in a document a rule reads': 'kind: Pod\na: "\\ud800"\n',
  'a \\U escape beyond Unicode': 'kind: Pod\na: "\\U00110000"\n',
  'a short \\x escape in a document no rule reads': 'kind: ConfigMap\na: "\\xZ1"\n',
};

describe('engine fast YAML reader (parse without the yaml parser)', () => {
  for (const [name, text] of Object.entries(SUBSET)) {
    it(`reads ${name} itself, exactly as the yaml package`, () => {
      assert.ok(allFast(text), 'every document in the subset');
      assert.ok(sameAsGeneral(text));
      sameValues(text);
      assert.equal(parsedDiff(parseManifest(text, POD_KINDS), parseManifestGeneral(text, POD_KINDS)), undefined);
    });
  }
  for (const [name, text] of Object.entries(OTHERS)) {
    it(`reads ${name} as the yaml package does`, () => {
      assert.equal(allFast(text), false);
      sameAsGeneral(text);
    });
  }

  it('composes only the documents a rule reads, and names lazy ones from the text', () => {
    const text = 'kind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1\nmetadata:\n  name: "crd.example.com"\nspec: {}\n---\nkind: Pod\napiVersion: v1\nmetadata:\n  name: p\n';
    const got = parseFast(text, new LineIndex(text), POD_KINDS)!;
    assert.deepEqual(got.docs.map((d) => [d.kind, d.start, d.end, !!d.doc, d.lazy?.name]), [["CustomResourceDefinition", 0, 112, false, "crd.example.com"], ["Pod", 112, text.length, true, undefined]]);
    assert.deepEqual(got.docs[1].doc!.range, [112, text.length, text.length]);
    assert.deepEqual(got.docs[1].value, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } });
  });

  it('reads a lazy document\'s value from its text as toJS gives it, and leaves duplicate keys to the yaml package', () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.b\nspec:\n  versions:\n  - name: v1\n    served: yes\n    n: 0644\n    f: 1.50\n    e: []\n    s: "x\\ty"\n    l: |\n      t\n';
    assert.deepEqual(fastValue(crd)?.value, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b' }, spec: { versions: [{ name: 'v1', served: true, n: 420, f: 1.5, e: [], s: 'x\ty', l: 't\n' }] } });
    assert.equal(fastValue('a: 1\na: 2\n'), undefined);
    assert.deepEqual(fastValue('a: {b: [1, {c: "d"}], e: yes, "f":\'g\'}\n')?.value, { a: { b: [1, { c: 'd' }], e: true, f: 'g' } });
    assert.equal(fastValue('a: {b: 1, b: 2}\n'), undefined);
    assert.equal(fastValue('a: [{__proto__: 1}]\n'), undefined);
    assert.equal(fastValue('a: &x 1\n'), undefined);
    assert.equal(fastValue('a: 1\n---\nb: 2\n'), undefined);
  });

  it('builds a composed document\'s value alongside its nodes as toJS gives it, and leaves duplicate or __proto__ keys to toJS', () => {
    /** Each document's value built alongside its nodes (undefined: none was), and toJS of those nodes. */
    const read = (text: string) => {
      const r = new FastReader(text);
      return r.segments()!.map((seg) => {
        const doc = new Document(undefined, YAML_OPTIONS as never) as never as import('yaml').Document.Parsed;
        const got = r.readNodesAndValue(seg, doc);
        return got === false ? undefined : { got, toJS: doc.toJS() as unknown, dup: hasDuplicateKeys(doc.contents) };
      }).filter((x) => x !== undefined);
    };
    let n = 0;
    for (const [name, text] of [...Object.entries(SUBSET).filter(([k]) => k !== 'duplicate keys'), ['keys of Object.prototype, numbers, flows', 'constructor: 1\ntoString: [a, 1, "b"]\nl:\n- m: {}\n  n: []\n- -0\n- 0o7\n- .nan\n']]) {
      for (const { got, toJS, dup } of read(text)) {
        assert.equal(!got, dup, name);
        if (!got) continue;
        assert.deepStrictEqual(got.value, toJS, name);
        n++;
      }
    }
    assert.ok(n >= 15, `${n}`);
    for (const text of [SUBSET['duplicate keys'], 'kind: Pod\na: 1\nb:\n  c: 1\n  c: 2\n', 'kind: Pod\n__proto__:\n  x: 1\n', 'a:\n- "__proto__": 1\n', 'kind: Pod\na: {c: 1, "c": 2}\n', 'kind: Pod\na: [{__proto__: {x: 1}}]\n']) {
      const [{ got }] = read(text);
      assert.equal(got, undefined, text);
      assert.equal(parsedDiff(parseManifest(text), parseManifestGeneral(text)), undefined);
    }
  });

  it('checks folded and kept block scalars itself (head, no error), and leaves their nodes and values to the yaml package', () => {
    const text = 'kind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1\nmetadata:\n  name: c\nd: >-\n  folded\n  text\n\n    more\nk: |+\n  kept\n\n\nl:\n- >\n  x\n- >+\n  y\n\n# c\ne: 1\n---\nkind: >\n  Pod\n';
    const r = new FastReader(text);
    const segs = r.segments()!;
    assert.deepEqual(segs.map((s) => r.readHead(s)), [{ isObject: true, unknown: false, kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1', name: 'c' }, { isObject: false, unknown: true }]);
    assert.equal(r.readNodes(segs[0], new Document(undefined, YAML_OPTIONS as never) as never), false);
    assert.equal(fastValue(text.slice(segs[0].start, segs[0].end)), undefined);
    assert.ok(sameAsGeneral(text));
    // the lazy CRD is only checked (its name read from the text); the document whose kind is folded is composed
    const got = parseFast(text, new LineIndex(text), { kinds: new Set(['Pod']), lazy: new Set(['CustomResourceDefinition']) })!;
    assert.deepEqual(got.docs.map((d) => [d.kind, !!d.doc, d.lazy?.name]), [['CustomResourceDefinition', false, 'c'], ['Pod\n', true, undefined]]);
    const all = parseFast(text, new LineIndex(text), {})!;
    assert.deepEqual(all.docs[0].value, { kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1', metadata: { name: 'c' }, d: 'folded text\n\n  more', k: 'kept\n\n\n', l: ['x\n', 'y\n\n'], e: 1 });
  });

  it('finds a tab in the one document that holds it, whatever order the documents are read in', () => {
    const text = 'kind: Pod\na: 1\n---\nkind: Role\nb:\tc\n---\nkind: Pod\nd: 2\n---\ne: "\t"\n';
    const r = new FastReader(text);
    const segs = r.segments()!;
    const nodes = (i: number) => r.readNodes(segs[i], new Document(undefined, YAML_OPTIONS as never) as never);
    assert.deepEqual(segs.map((s) => !!r.readHead(s)), [true, false, true, false]);
    assert.deepEqual([0, 1, 2, 3].map(nodes), [true, false, true, false]);
    assert.deepEqual([2, 3, 0, 1, 0].map((i) => !!r.readHead(segs[i])), [true, false, true, false, true]);
    assert.ok(sameAsGeneral(text));
  });

  it('checks the escapes of each double-quoted scalar, whatever order the documents are read in', () => {
    const text = 'a: "x"\nb: "y \\q"\nc: "z"\n---\nd: "\\t"\ne: "w"\n---\nf: "v"\n';
    const r = new FastReader(text);
    const segs = r.segments()!;
    assert.deepEqual([2, 1, 0, 0, 1, 2].map((i) => !!r.readHead(segs[i])), [true, true, false, false, true, true]);
    assert.ok(sameAsGeneral(text));
  });

  it('reports a broken document no rule reads, with the position the yaml package gives', () => {
    const text = OTHERS['a broken document no rule reads'];
    const errors = parseManifest(text, POD_KINDS).docs.flatMap((d) => d.errors);
    assert.ok(errors.length > 0);
    assert.deepEqual(errors, parseManifestGeneral(text, POD_KINDS).docs.flatMap((d) => d.errors));
  });

  it('gives the yaml package\'s reading on generated manifests and their mutations (seeded)', () => {
    let fast = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(seed);
      const base = r.chance(0.5) ? generateManifest(seed) : generateSubset(seed);
      if (sameAsGeneral(base, OPTIONS.slice(0, 2))) fast++;
      const mutated = mutate(base, r);
      sameAsGeneral(mutated, OPTIONS.slice(1, 3));
      sameValues(base);
      sameValues(mutated);
    }
    assert.ok(fast > 30, `${fast} read fast`);
  });
});

/** Block YAML of the subset: nested maps and sequences, tricky scalars, comments at all depths, several documents. */
export function generateSubset(seed: number): string {
  const r = rng(seed);
  const scalars = ['a', 'x y', '"q: #1"', "'it''s'", '-1', '--flag', 'yes', '0644', '1e3', '~', '', '[]', '{}', '[a, "b"]', 'v  # c', 'a\n  -b\n  [c]', '"m\n  n"', "'m\n\n  n'", '|\n  l1\n\n  l2', '|-\n  s', 'http://x:80/y', '>\n  f1\n  f2\n\n   f3\n  f4', '>-\n  s', '|+\n  k\n', '>+\n  k\n\n', '|+\n\n  k\n  # not a comment\n\n'];
  const keys = ['name', 'image', 'kind', 'metadata', 'a', '"q k"', "'s'", 'b-c', 'x.y/z'];
  // one-line flow collections: mostly in the subset, some not (each piece alone is in OTHERS or SUBSET)
  const flowScalars = ['a', 'x y', '"q: #1"', "'it''s'", '1', 'yes', '0644', '~', '100m', 'http://x', 'b:c', 'b#c', '-1', '-', '-c', '--x=1', '-.5', '*x', '&x a', '!!str s', '"e\\u00e9"', "''", '""', '|', '@a', '?a', ''];
  const flowKeys = ['a', 'name', '"q k"', "'s'", 'x y', '<<', '? a', '1', '__proto__', 'a:b', '"j"', '-k', '-'];
  const flowAt = (depth: number): string => {
    if (depth > 2 || r.chance(0.4)) return r.pick(flowScalars);
    const map = r.chance(0.6);
    const items: string[] = [];
    for (let i = r.int(4); i > 0; i--) {
      if (!map) items.push(flowAt(depth + 1));
      else if (r.chance(0.05)) items.push(r.pick(flowKeys));
      else items.push(r.pick(flowKeys) + r.pick([': ', ': ', ': ', ':', ' : ', ':  ']) + flowAt(depth + 1));
    }
    const sp = () => (r.chance(0.2) ? ' ' : '');
    return (map ? '{' : '[') + sp() + items.join(r.pick([', ', ', ', ',', ' , '])) + (r.chance(0.05) ? ',' : '') + sp() + (map ? '}' : ']');
  };
  const out: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const indentScalar = (s: string, ind: number) => s.replace(/\n/g, '\n' + pad(ind));
  const value = (ind: number, depth: number): string => {
    const k = depth > 3 ? 0 : r.int(4);
    if (k === 0) {
      if (r.chance(0.3)) return ' ' + flowAt(0) + (r.chance(0.1) ? '  # c' : '');
      const s = r.pick(scalars);
      return s ? ' ' + indentScalar(s, ind + 2) : '';
    }
    if (k === 1 || k === 2) {
      const n = 1 + r.int(3);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        if (r.chance(0.15)) lines.push(pad(ind + 2 + r.int(3) - 1) + '# c');
        lines.push(`${pad(ind + 2)}${r.pick(keys)}:${value(ind + 2, depth + 1)}`);
      }
      return '\n' + lines.join('\n');
    }
    const n = 1 + r.int(3);
    const at = r.chance(0.3) ? ind : ind + 2;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      if (r.chance(0.1)) lines.push(pad(at) + '# c');
      if (r.chance(0.4)) lines.push(`${pad(at)}- ${r.pick(keys)}:${value(at + 2, depth + 1)}`);
      else lines.push(`${pad(at)}-${value(at, depth + 1)}`);
    }
    return '\n' + lines.join('\n');
  };
  const docs = 1 + r.int(3);
  for (let d = 0; d < docs; d++) {
    if (d || r.chance(0.3)) out.push(r.chance(0.2) ? '--- # doc' : '---');
    out.push(`apiVersion: ${r.pick(['v1', 'apps/v1', '"v1"'])}`, `kind: ${r.pick(['Pod', 'Deployment', 'ServiceAccount', 'CustomResourceDefinition', 'ConfigMap'])}`);
    out.push(`metadata:\n  name: ${r.pick(['n', '"q"', "'s'", ''])}`);
    for (let i = r.int(4); i >= 0; i--) out.push(`${r.pick(keys)}:${value(0, 0)}`);
    if (r.chance(0.3)) out.push(r.pick(['# trailing', '  # deeper', '']));
  }
  return out.join('\n') + (r.chance(0.8) ? '\n' : '');
}
