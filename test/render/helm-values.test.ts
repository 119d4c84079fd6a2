import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { memoryFs } from '../../render/fs';
import { renderChart } from '../../render/helm';
import { parseSet } from '../../render/helm/strvals';
import type { HelmOptions } from '../../render/types';
import { literalEngine } from './helm-literal-engine';

const chartYaml = (name: string, extra = '') => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${extra}`;

function render(files: Record<string, string | Uint8Array>, helm: HelmOptions = {}) {
  return renderChart(memoryFs(files), '/c', { helm }, literalEngine);
}

function set(...exprs: string[]) {
  const into = {};
  for (const e of exprs) parseSet(e, into);
  return into;
}

describe('render/helm: --set (strvals)', () => {
  it('types values as Helm does', () => {
    assert.deepEqual(set('a=true,b=FALSE,c=null,d=0,e=12,f=012,g=1.5,h=-3,i=', 'j=x'), { a: true, b: false, c: null, d: 0, e: 12, f: '012', g: '1.5', h: -3, i: '', j: 'x' });
  });

  it('builds nested maps, lists, list values and escapes', () => {
    assert.deepEqual(set('a.b.c=1', 'a.b.d=x'), { a: { b: { c: 1, d: 'x' } } });
    assert.deepEqual(set('l[1]=x', 'l[0].n=y'), { l: [{ n: 'y' }, 'x'] });
    assert.deepEqual(set('l={a,b,3}'), { l: ['a', 'b', 3] });
    assert.deepEqual(set('k\\.dot=v\\,w,n=2'), { 'k.dot': 'v,w', n: 2 });
    assert.deepEqual(set('m[0][1]=z'), { m: [[null, 'z']] });
  });

  it('keeps strings with --set-string and refuses bad input', () => {
    const into = {};
    parseSet('a=true,b=3', into, { asString: true });
    assert.deepEqual(into, { a: 'true', b: '3' });
    assert.throws(() => set('a'), /key "a" has no value/);
    assert.throws(() => set('a,b=1'), /key "a" has no value \(cannot end with ,\)/);
    assert.throws(() => set('l[70000]=1'), /index of 70000 is greater than maximum supported index 65536/);
  });
});

describe('render/helm: values', () => {
  const files = {
    '/c/Chart.yaml': chartYaml('app'),
    '/c/values.yaml': 'image:\n  repo: nginx\n  tag: "1.0"\nreplicas: 1\nextra: {a: 1}\nkeep: null\n',
    '/c/templates/a.yaml': 'kind: Pod\nrepo: [[image.repo]]\ntag: [[image.tag]]\nr: [[replicas]]\nextra: [[extra]]\n',
    '/u/one.yaml': 'image:\n  tag: "2.0"\nreplicas: 2\n',
    '/u/two.yaml': 'replicas: 3\nextra: null\n',
  };

  it('coalesces user files in order over values.yaml, then --set; null deletes a chart key', () => {
    const r = render(files, { values: ['/u/one.yaml', '/u/two.yaml'], set: ['image.repo=busybox'] });
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, '---\n# Source: app/templates/a.yaml\nkind: Pod\nrepo: busybox\ntag: 2.0\nr: 3\nextra:\n');
    assert.deepEqual(r.values, ['/u/one.yaml', '/u/two.yaml']);
    assert.ok(r.inputs.some((i) => i.file === '/u/one.yaml'));
  });

  it('maps a values read to the file and key range that won (last writer)', () => {
    const r = render(files, { values: ['/u/one.yaml', '/u/two.yaml'] });
    const origin = (needle: string) => r.map.at(r.text.indexOf(needle))?.origin;
    assert.deepEqual(origin('2.0'), { kind: 'node', file: '/u/one.yaml', doc: 0, path: ['image', 'tag'], range: { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } } });
    assert.deepEqual(origin('nginx'), { kind: 'node', file: '/c/values.yaml', doc: 0, path: ['image', 'repo'], range: { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } } });
    assert.deepEqual(origin('3'), { kind: 'node', file: '/u/two.yaml', doc: 0, path: ['replicas'], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } } });
  });

  it('maps a --set value to a generated origin naming the --set', () => {
    const r = render(files, { set: ['image.repo=busybox'] });
    assert.deepEqual(r.map.at(r.text.indexOf('busybox'))?.origin, { kind: 'generated', note: '--set image.repo=busybox' });
  });

  it('reports a broken values file with Helm wording', () => {
    const r = render({ ...files, '/u/bad.yaml': 'a: b: c\n' }, { values: ['/u/bad.yaml'] });
    assert.deepEqual(r.errors.map((e) => e.message), ['failed to parse /u/bad.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context']);
    assert.equal(render(files, { values: ['/u/none.yaml'] }).errors[0].message, 'open /u/none.yaml: no such file or directory');
  });
});

describe('render/helm: subcharts', () => {
  const base = {
    '/c/Chart.yaml': chartYaml('app', 'dependencies:\n- name: db\n  version: "1.x"\n  condition: db.enabled\n- name: cache\n  version: ">=1.0.0"\n  tags: [backend]\n- name: db\n  alias: replica\n  version: "1.x"\n  condition: replica.enabled\n'),
    '/c/values.yaml': 'global:\n  env: prod\n  image: {registry: parent}\ndb:\n  port: 5432\nreplica:\n  enabled: false\n',
    '/c/templates/a.yaml': 'kind: Service\nenv: [[global.env]]\n',
    '/c/charts/db/Chart.yaml': chartYaml('db'),
    '/c/charts/db/values.yaml': 'enabled: true\nport: 1\nuser: admin\nglobal:\n  env: dev\n  image: {registry: sub, pull: always}\n',
    '/c/charts/db/templates/db.yaml': 'kind: StatefulSet\nport: [[port]]\nuser: [[user]]\nenv: [[global.env]]\nimage: [[global.image]]\n',
    '/c/charts/cache/Chart.yaml': chartYaml('cache'),
    '/c/charts/cache/templates/c.yaml': 'kind: Deployment\n',
  };

  it('renders enabled subcharts with their section of the values and the parent\'s globals', () => {
    const r = render(base);
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, [
      '---\n# Source: app/templates/a.yaml\nkind: Service\nenv: prod',
      '---\n# Source: app/charts/cache/templates/c.yaml\nkind: Deployment',
      '---\n# Source: app/charts/db/templates/db.yaml\nkind: StatefulSet\nport: 5432\nuser: admin\nenv: prod\nimage: {"registry":"parent","pull":"always"}\n',
    ].join('\n'));
  });

  it('switches subcharts off by condition (which beats tags) and by tags, and renders an alias', () => {
    const r = render(base, { set: ['db.enabled=false', 'replica.enabled=true', 'tags.backend=false'] });
    assert.deepEqual(r.text.split('\n').filter((l) => l.startsWith('# Source')), ['# Source: app/templates/a.yaml', '# Source: app/charts/replica/templates/db.yaml']);
  });

  it('maps a subchart values read to the parent values file when the parent wrote it', () => {
    const r = render(base);
    assert.deepEqual(r.map.at(r.text.indexOf('5432'))?.origin, { kind: 'node', file: '/c/values.yaml', doc: 0, path: ['db', 'port'], range: { start: { line: 4, character: 2 }, end: { line: 4, character: 12 } } });
    assert.deepEqual(r.map.at(r.text.indexOf('admin'))?.origin, { kind: 'node', file: '/c/charts/db/values.yaml', doc: 0, path: ['user'], range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } } });
  });

  it('imports values from a child (lower priority than the parent\'s own)', () => {
    const r = render({
      '/c/Chart.yaml': chartYaml('app', 'dependencies:\n- name: db\n  version: 1.0.0\n  import-values:\n  - data\n  - child: conn\n    parent: connection\n'),
      '/c/values.yaml': 'host: mine\n',
      '/c/templates/a.yaml': 'kind: Pod\nport: [[port]]\nhost: [[host]]\nconn: [[connection.url]]\n',
      '/c/charts/db/Chart.yaml': chartYaml('db'),
      '/c/charts/db/values.yaml': 'exports:\n  data:\n    port: 5432\n    host: theirs\nconn:\n  url: db://x\n',
    });
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, '---\n# Source: app/templates/a.yaml\nkind: Pod\nport: 5432\nhost: mine\nconn: db://x\n');
  });

  it('loads a subchart from a .tgz and library charts contribute only partials', () => {
    const tgz = gzipSync(tar({ 'lib/Chart.yaml': chartYaml('lib', 'type: library\n'), 'lib/templates/_h.tpl': 'x', 'lib/templates/cm.yaml': 'kind: ConfigMap\n', 'lib/values.yaml': 'v: from-tgz\n' }));
    const r = render({ '/c/Chart.yaml': chartYaml('app'), '/c/charts/lib-1.0.0.tgz': tgz, '/c/templates/a.yaml': 'kind: Pod\nv: [[lib.v]]\n' });
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, '---\n# Source: app/templates/a.yaml\nkind: Pod\nv: from-tgz\n');
    assert.deepEqual(r.map.at(r.text.indexOf('from-tgz'))?.origin, { kind: 'node', file: '/c/charts/lib-1.0.0.tgz/lib/values.yaml', doc: 0, path: ['v'], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } } });
  });
});

describe('render/helm: values.schema.json', () => {
  const files = {
    '/c/Chart.yaml': chartYaml('app'),
    '/c/values.yaml': 'replicas: 1\npolicy: null\nimage: {tag: x}\n',
    '/c/values.schema.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['name'], properties: { replicas: { type: 'number' }, policy: { type: 'string', enum: ['sync', 'upsert-only'] }, image: { type: 'object', properties: { tag: { type: 'string', enum: ['x', 'y'] } }, additionalProperties: false } } }),
    '/c/templates/a.yaml': 'kind: Pod\n',
  };

  it('fails with Helm\'s listing of every violation, chart-default nulls included (a null gets the type error only, not enum)', () => {
    const r = render(files, { set: ['replicas=two', 'image.tag=z', 'image.other=1'] });
    assert.equal(r.text, '');
    assert.equal(r.errors[0].file, '/c/values.schema.json');
    assert.equal(r.errors[0].message, [
      "values don't meet the specifications of the schema(s) in the following chart(s):",
      'app:',
      '- (root): name is required',
      '- replicas: Invalid type. Expected: number, given: string',
      '- policy: Invalid type. Expected: string, given: null',
      '- image: Additional property other is not allowed',
      '- image.tag: image.tag must be one of the following: "x", "y"',
      '',
    ].join('\n'));
  });

  it('passes when the values fit', () => {
    assert.deepEqual(render(files, { set: ['name=a', 'policy=sync'] }).errors, []);
  });
});

describe('render/helm: .Files', () => {
  it('holds the chart\'s own files only: not templates, not .helmignore\'d ones, nothing outside the chart', () => {
    const { makeFiles } = require('../../render/helm/files') as typeof import('../../render/helm/files');
    const { loadChart } = require('../../render/helm/chart-load') as typeof import('../../render/helm/chart-load');
    const { ValueOrigins } = require('../../render/helm/value-origins') as typeof import('../../render/helm/value-origins');
    const fs = memoryFs({
      '/c/Chart.yaml': chartYaml('app'), '/c/.helmignore': '*.bak\nsecret/\n', '/c/files/a.txt': 'line1\nline2\n', '/c/files/b.bak': 'x',
      '/c/secret/k': 'key', '/c/templates/t.yaml': 'kind: Pod', '/c/templates/.hidden': 'h', '/c/values.yaml': '', '/outside.txt': 'nope',
    });
    const chart = loadChart({ fs, origins: new ValueOrigins(), read: new Set() }, '/c');
    const files = makeFiles(chart.files, { toYaml: (m) => JSON.stringify(m) });
    assert.deepEqual(Object.keys(files), ['.helmignore', 'files/a.txt']);
    assert.deepEqual(chart.templates.map((t) => t.name), ['templates/t.yaml']);
    assert.equal(files.Get('files/a.txt'), 'line1\nline2\n');
    assert.equal(files.Get('../outside.txt'), '');
    assert.equal(files.Get('/outside.txt'), '');
    assert.equal(files.Get('templates/t.yaml'), '');
    assert.deepEqual(files.Lines('files/a.txt'), ['line1', 'line2']);
    assert.deepEqual(Object.keys(files.Glob('files/*')), ['files/a.txt']);
    assert.deepEqual(Object.keys(files.Glob('**.txt')), ['files/a.txt']);
    assert.equal(files.Glob('files/*').AsConfig(), '{"a.txt":"line1\\nline2\\n"}');
    assert.equal(files.Glob('files/*').AsSecrets(), '{"a.txt":"bGluZTEKbGluZTIK"}');
  });
});

/** A minimal ustar archive. */
function tar(files: Record<string, string>): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [name, text] of Object.entries(files)) {
    const data = enc.encode(text);
    const h = new Uint8Array(512);
    h.set(enc.encode(name), 0);
    h.set(enc.encode('0000644\0'), 100);
    h.set(enc.encode(data.length.toString(8).padStart(11, '0') + '\0'), 124);
    h.set(enc.encode('        '), 148);
    h[156] = 0x30;
    h.set(enc.encode('ustar\0'), 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    blocks.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of blocks) { out.set(b, o); o += b.length; }
  return out;
}
