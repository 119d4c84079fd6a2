import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n    - name: a\n      image: b:1\n      securityContext:\n        privileged: true\n';

describe('cli: hostile input never stops the scan', function () {
  this.timeout(120000);
  let out: { files: number; findings: Array<{ file: string; ruleId: string }>; errors: Array<{ file: string; message: string }> };
  let code: number | null;
  before(() => {
    const dir = tempDir();
    writeFileSync(join(dir, '00-good.yaml'), POD);
    writeFileSync(join(dir, 'flow-bomb.yaml'), 'a: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n');
    writeFileSync(join(dir, 'flow-bomb-2.yaml'), 'b: ' + '{a: '.repeat(2000) + '1' + '}'.repeat(2000) + '\n');
    writeFileSync(join(dir, 'dash-bomb.yaml'), '- '.repeat(5000) + 'x\n');
    const laughs = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) laughs.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    writeFileSync(join(dir, 'alias-bomb.yaml'), laughs.join('\n') + '\n');
    const podBomb = POD.replace('kind: Pod', 'kind: Pod\nx-a: &a [1,1,1,1,1,1,1,1,1,1]\nx-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nx-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nx-d: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]');
    writeFileSync(join(dir, 'alias-bomb-pod.yaml'), podBomb);
    writeFileSync(join(dir, 'bad-utf8.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    writeFileSync(join(dir, 'long-line.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata:\n  x: "' + 'a'.repeat(5 * 1024 * 1024) + '"\n');
    writeFileSync(join(dir, 'many-docs.yaml'), Array.from({ length: 20000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {k: v}\n`).join('---\n'));
    writeFileSync(join(dir, 'duplicate.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: dup}\nspec:\n  hostNetwork: false\n  containers: [{name: a, image: b:1}]\n  hostNetwork: true\n');
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\nspec: {}\n');
    writeFileSync(join(dir, 'helm.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n');
    writeFileSync(join(dir, 'empty.yaml'), '');
    writeFileSync(join(dir, 'zz-good.yaml'), POD.replace('name: ok', 'name: last'));
    const r = kubehex(['scan', dir, '--format', 'json', '--profile', 'all']);
    code = r.code;
    out = JSON.parse(r.stdout);
  });

  const errorFor = (f: string) => out.errors.filter((e) => e.file.endsWith('/' + f));

  it('finishes with a normal exit code and lints the good files around the bad ones', () => {
    assert.equal(code, 1);
    assert.equal(out.files, 15);
    const good = out.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.file.split('/').pop()).sort();
    assert.deepEqual(good, ['00-good.yaml', 'zz-good.yaml']);
  });
  it('nesting bombs are refused before parsing, with a line', () => {
    for (const f of ['flow-bomb.yaml', 'flow-bomb-2.yaml', 'dash-bomb.yaml']) {
      const e = errorFor(f);
      assert.equal(e.length, 1, f);
      assert.match(e[0].message, /nesting deeper than \d+ levels at line 1/);
    }
  });
  it('alias bombs are reported, not expanded', () => {
    assert.match(errorFor('alias-bomb-pod.yaml')[0]?.message ?? '', /alias/i);
  });
  it('invalid UTF-8 and binary files are named with their line', () => {
    assert.match(errorFor('bad-utf8.yaml')[0].message, /not a UTF-8 text file: invalid byte 0xc3 at line 4/);
    assert.match(errorFor('binary.yaml')[0].message, /not a YAML text file: control character U\+0000 at line 1|control character/);
  });
  it('a 5 MB line and 20,000 documents are linted without errors', () => {
    assert.deepEqual(errorFor('long-line.yaml'), []);
    assert.deepEqual(errorFor('many-docs.yaml'), []);
  });
  it('duplicate keys become a finding where the last value wins', () => {
    assert.ok(out.findings.some((f) => f.file.endsWith('duplicate.yaml') && f.ruleId === 'duplicate-key'));
  });
  it('a syntax error names the file and line', () => {
    const e = errorFor('broken.yaml');
    assert.ok(e.length >= 1);
    assert.match(e[0].message, /line \d+/);
  });
  it('Helm templates are skipped without noise', () => {
    assert.deepEqual(errorFor('helm.yaml'), []);
    assert.ok(!out.findings.some((f) => f.file.endsWith('helm.yaml')));
  });
});
