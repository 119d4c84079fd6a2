import * as assert from 'node:assert/strict';
import { mergeField, mergeTypeOfKind } from '../../engine';
import { emitResources, keyLess } from '../../render/kustomize/yaml-out';
import { parseYaml, parseYamlGeneral } from '../../render/kustomize/yaml-in';
import { decodeScalar, formatFloat, resolvePlain, v2NeedsQuotes } from '../../render/kustomize/resolve';
import { contentHash } from '../../render/kustomize/generators';
import type { KMap } from '../../render/kustomize/node';

const emit = (yaml: string) => emitResources(parseYaml(yaml, '/x.yaml').map((d) => d.node!)).text;

describe('render/kustomize: kustomize\'s YAML output', () => {
  it('orders keys like yaml.v2 (digit runs as numbers, non-letters before letters)', () => {
    const keys = ['a10', 'a9', 'a-b', 'a01', 'B', 'a', 'aB'];
    assert.deepEqual([...keys].sort((x, y) => (keyLess(x, y) ? -1 : keyLess(y, x) ? 1 : 0)), ['B', 'a', 'a-b', 'a01', 'a9', 'a10', 'aB']);
  });

  it('quotes YAML 1.1 look-alikes and indicators, folds past column 80, keeps block scalars', () => {
    assert.equal(emit('a: "yes"\nb: "1.21"\nc: "*x"\nd: "a\\tb"\ne: "x\\ny\\n"\nf: ""\n'), 'a: "yes"\nb: "1.21"\nc: \'*x\'\nd: "a\\tb"\ne: |\n  x\n  y\nf: ""\n');
    assert.equal(emit(`k: ${'word '.repeat(20).trim()}\n`), `k: ${'word '.repeat(15)}word\n  word word word word\n`);
  });

  it('reads scalars as yaml.v3 and prints them through kustomize\'s JSON round trip', () => {
    assert.equal(resolvePlain('0x1F'), '!!int');
    assert.equal(resolvePlain('yes'), '!!str');
    assert.equal(resolvePlain('2001-12-14'), '!!timestamp');
    assert.deepEqual(decodeScalar('!!timestamp', '2001-12-14 21:59:43.10'), '2001-12-14T21:59:43.1Z');
    assert.equal(formatFloat(1.0), '1');
    assert.equal(formatFloat(1234567.5), '1.2345675e+06');
    assert.equal(formatFloat(1e21), '1e+21');
    assert.ok(v2NeedsQuotes('on') && v2NeedsQuotes('1:20') && v2NeedsQuotes('2024-01-02') && !v2NeedsQuotes('v1.2.3'));
    assert.equal(emit('a: 1.0\nb: 0777\nc: 2001-12-14\nd: ~\n'), 'a: 1\nb: 511\nc: "2001-12-14T00:00:00Z"\nd: null\n');
  });

  it('hashes a generated ConfigMap as kustomize does (10 characters, name not included)', () => {
    const cm = parseYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  x: "1"\n', '/x')[0].node as KMap;
    assert.equal(contentHash(cm), 'hmg6f82fh6');
  });
});

describe('engine: strategic-merge facts of the built-in kinds', () => {
  it('knows merge keys, map keys and atomic lists', () => {
    assert.equal(mergeTypeOfKind('apps/v1', 'Deployment'), 'apps.v1.Deployment');
    assert.equal(mergeTypeOfKind('v1', 'ConfigMap'), 'object');
    assert.equal(mergeTypeOfKind('example.com/v1', 'Widget'), undefined);
    assert.deepEqual(mergeField('v1.PodSpec', 'containers'), { type: 'v1.Container', list: { strategy: 'merge', key: 'name' } });
    assert.deepEqual(mergeField('v1.Container', 'ports')?.list, { strategy: 'merge', key: 'containerPort', mapKeys: ['containerPort', 'protocol'] });
    assert.equal(mergeField('v1.PodSpec', 'volumes')?.list !== 'atomic' && (mergeField('v1.PodSpec', 'volumes')?.list as { strategy: string }).strategy, 'merge,retainKeys');
    assert.equal(mergeField('v1.PodSpec', 'tolerations'), undefined);
  });
});

describe('render/kustomize: reading maps with the general YAML path', () => {
  const keysOf = (yaml: string) => {
    const n = parseYamlGeneral(yaml, '/x.yaml')[0].node as KMap;
    return n.entries.map((e) => `${e.key}=${e.value.kind === 'scalar' ? e.value.value : e.value.kind}`);
  };

  it('keeps a repeated key in its first place with its last value, and merge keys only add missing keys', () => {
    assert.deepEqual(keysOf('a: &m 1\nb: 2\na: 3\n'), ['a=3', 'b=2']);
    assert.deepEqual(keysOf('base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 9\n'), ['base=map', 'obj=map']);
    const obj = (parseYamlGeneral('base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 9\n  z: 3\n', '/x.yaml')[0].node as KMap).entries[1].value as KMap;
    assert.deepEqual(obj.entries.map((e) => `${e.key}=${e.value.kind === 'scalar' ? e.value.value : ''}`), ['y=9', 'z=3', 'x=1']);
  });

  it('reads a map of 40,000 anchored keys whole (one lookup per key, not a search of the keys before it)', () => {
    let yaml = 'data:\n';
    for (let i = 0; i < 40000; i++) yaml += `  key${i}: &a${i} v${i}\n`;
    yaml += '  key7: again\n';
    const data = (parseYamlGeneral(yaml, '/x.yaml')[0].node as KMap).entries[0].value as KMap;
    assert.equal(data.entries.length, 40000);
    assert.deepEqual([data.entries[7].key, data.entries[7].value.kind === 'scalar' && data.entries[7].value.value], ['key7', 'again']);
    assert.deepEqual([data.entries[39999].key, data.entries[39999].value.kind === 'scalar' && data.entries[39999].value.value], ['key39999', 'v39999']);
  });
});
