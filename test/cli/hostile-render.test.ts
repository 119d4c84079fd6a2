import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

// Issue 14 through the render path: a hostile chart or kustomization ends in one clear error, never a hang,
// a crash or a silently empty render.

/** 9^8 nodes through eight levels of aliases: go-yaml refuses it as "excessive aliasing". */
function aliasBomb(indent = ''): string {
  const lines = [`${indent}a: &a [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < 8; i++) lines.push(`${indent}${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill('*' + 'abcdefgh'[i - 1]).join(', ')}]`);
  return lines.join('\n') + '\n';
}

const CM = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: ${data}\n`;

function chart(dir: string, name: string, templates: Record<string, string>, values?: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  for (const [f, t] of Object.entries(templates)) writeFileSync(join(root, 'templates', f), t);
  if (values !== undefined) writeFileSync(join(root, 'values.yaml'), values);
  return root;
}

const errorsOf = (stdout: string) => JSON.parse(stdout).errors.map((e: { file: string; message: string }) => `${e.file}: ${e.message}`);

describe('cli: hostile charts and kustomizations (render limits)', function () {
  this.timeout(60000);

  it('an alias bomb in values.yaml fails the render at once, for render and scan', () => {
    const dir = tempDir();
    chart(dir, 'bomb', { 'c.yaml': CM('{{ .Values.h | toJson | quote }}') }, aliasBomb());
    const r = kubehex(['render', 'bomb'], { cwd: dir });
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'bomb/values.yaml: cannot load values.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n']);
    const s = kubehex(['scan', 'bomb', '--format', 'json'], { cwd: dir });
    assert.equal(s.code, 1);
    assert.deepEqual(errorsOf(s.stdout), ['bomb/values.yaml: cannot load values.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing']);
  });

  it('fromYaml of an alias bomb gives Helm\'s Error map instead of expanding it', () => {
    const dir = tempDir();
    const root = chart(dir, 'fy', { 'c.yaml': CM('{{ .Files.Get "bomb.txt" | fromYaml | toJson | quote }}') });
    writeFileSync(join(root, 'bomb.txt'), aliasBomb());
    const r = kubehex(['render', 'fy'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '---\n# Source: fy/templates/c.yaml\n' + CM('"{\\"Error\\":\\"error converting YAML to JSON: yaml: document contains excessive aliasing\\"}"'));
  });

  it('an alias bomb in a kustomize resource fails the build with the entry that loaded it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'k'));
    writeFileSync(join(dir, 'k', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n' + aliasBomb('  '));
    writeFileSync(join(dir, 'k', 'kustomization.yaml'), 'resources:\n- cm.yaml\n');
    const r = kubehex(['render', 'k'], { cwd: dir });
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', "k/kustomization.yaml:2:3: accumulating resources: accumulating resources from 'cm.yaml': MalformedYAMLError: yaml: document contains excessive aliasing in File: cm.yaml\n"]);
  });

  it('a values.yaml the render may not read (too large) is an error on that file, not an empty values file', () => {
    const dir = tempDir();
    const root = chart(dir, 'big', { 'c.yaml': CM('{{ .Values.x | quote }}') });
    writeFileSync(join(root, 'values.yaml'), 'x: y\n' + '#'.repeat(79) + '\n'.repeat(1) + ('#'.repeat(79) + '\n').repeat(17 * 1024 * 1024 / 80));
    const r = kubehex(['render', 'big'], { cwd: dir });
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'big/values.yaml: cannot read values.yaml: too large (17 MB > 16 MB)\n']);
    const s = kubehex(['scan', 'big', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errorsOf(s.stdout), ['big/values.yaml: cannot read values.yaml: too large (17 MB > 16 MB)']);
    // read by the chart, so not linted alone either
    assert.deepEqual(JSON.parse(s.stdout).skipped.find((x: { file: string }) => x.file === 'big/values.yaml'), { file: 'big/values.yaml', reason: 'template-source' });
  });

  it('symlinked folders that loop back (three links to the parent) end in an error on Chart.yaml, not a hang', () => {
    const dir = tempDir();
    const root = chart(dir, 'loop', {});
    mkdirSync(join(root, 'templates', 'x'));
    for (const n of ['a', 'b', 'c']) symlinkSync('..', join(root, 'templates', 'x', n));
    const r = kubehex(['render', 'loop'], { cwd: dir });
    assert.equal(r.signal, null);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'loop/Chart.yaml: chart folders nest deeper than 32 levels (templates/x/a/x/...): a symlink loop?\n']);
    const s = kubehex(['scan', 'loop', '--format', 'json'], { cwd: dir });
    assert.deepEqual(errorsOf(s.stdout), ['loop/Chart.yaml: chart folders nest deeper than 32 levels (templates/x/a/x/...): a symlink loop?']);
  });

  it('two kustomizations that use each other are both reported, not both dropped as bases', () => {
    const dir = tempDir();
    for (const [a, b] of [['a', 'b'], ['b', 'a']]) {
      mkdirSync(join(dir, 'k', a), { recursive: true });
      writeFileSync(join(dir, 'k', a, 'kustomization.yaml'), `resources:\n- ../${b}\n`);
    }
    const s = kubehex(['scan', 'k', '--format', 'json'], { cwd: dir });
    assert.equal(s.code, 1);
    const errors = JSON.parse(s.stdout).errors.map((e: { file: string; range: { start: { line: number } } }) => [e.file, e.range.start.line]).sort();
    assert.deepEqual(errors, [['k/a/kustomization.yaml', 1], ['k/b/kustomization.yaml', 1]]);
  });

  it('a recursive template and a string that doubles itself stop at the limits with the place', () => {
    const dir = tempDir();
    chart(dir, 'rec', { 'x.yaml': '{{- define "a" }}{{ include "a" . }}{{ end }}\n{{ include "a" . }}\n' });
    chart(dir, 'dbl', { 'x.yaml': '{{ $s := "xxxxxxxx" }}{{ range until 60 }}{{ $s = print $s $s }}{{ end }}{{ len $s }}\n' });
    const s = kubehex(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(s.code, 1);
    const errors = JSON.parse(s.stdout).errors;
    assert.deepEqual(errors.map((e: { file: string }) => e.file), ['dbl/templates/x.yaml', 'rec/templates/x.yaml']);
    assert.equal(errors[0].message, 'template: dbl/templates/x.yaml:1:50: executing "dbl/templates/x.yaml" at <print $s $s>: error calling print: result exceeds the output limit (67108864 characters)');
    assert.match(errors[1].message, /^template: rec\/templates\/x\.yaml:2:3: executing "rec\/templates\/x\.yaml" at <include "a" \.>: error calling include: /);
    assert.match(errors[1].message, /exceeded maximum template depth \(100\)$/);
  });
});
