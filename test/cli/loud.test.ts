import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configSchema } from '../../engine';
import { BIN, kubehex, tempDir } from './helpers';

// Issue 12, "failures must be loud": each test names the reproducer or item it stands for.

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
const TABBED = POD.replace('        privileged: true', '\tprivileged: true');

describe('cli: a file that cannot be linted fails the run (exit-0-when-file-unparseable)', function () {
  this.timeout(60000);

  it('a syntax error is an error for --fail-on, and the summary is never a green tick', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), TABBED);
    const r = kubehex(['scan', 'pod.yaml', '--no-color'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '\npod.yaml\n  10:1  fatal  Tabs are not allowed as indentation (line 10)  \n\n✖ 0 problems (0 errors, 0 warnings, 0 info) in 1 file; 1 file error (not linted)\n');
    assert.equal(kubehex(['scan', 'pod.yaml', '--fail-on', 'info'], { cwd: dir }).code, 1);
    assert.equal(kubehex(['scan', 'pod.yaml', '--fail-on', 'none'], { cwd: dir }).code, 0);
  });

  it('invalid UTF-8 fails the run too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    const r = kubehex(['scan', 'bad.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).errors.map((e: { message: string }) => e.message), ['not a UTF-8 text file: invalid byte 0xc3 at line 1']);
  });

  it('standard input that does not parse is reported', () => {
    const r = kubehex(['scan', '-', '--no-color'], { input: 'a: [\n' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '\n<stdin>\n  2:1  fatal  Flow sequence in block collection must be sufficiently indented and end with a ] (line 2)  \n\n✖ 0 problems (0 errors, 0 warnings, 0 info) in 1 file; 1 file error (not linted)\n');
  });
});

describe('cli: skipped files are listed', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'chart', 'templates', 'a.yaml'), 'kind: Pod\n');
    writeFileSync(join(dir, 'chart', 'templates', 'b.yaml'), 'metadata:\n  name: {{ .Release.Name }}\n');
    writeFileSync(join(dir, 'big.yaml'), POD + '#'.repeat(2000) + '\n');
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  privileged-container: warning\n');
  });

  it('JSON: skipped [{file, reason}], a too-large file is skipped, not an error', () => {
    const r = kubehex(['scan', '.', '--format', 'json', '--max-file-size', '0.001'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.skipped, [
      { file: 'big.yaml', reason: 'too-large' },
      { file: 'chart/Chart.yaml', reason: 'template-source' },
      { file: 'chart/templates/a.yaml', reason: 'template-source' },
      { file: 'chart/templates/b.yaml', reason: 'template-source' },
    ]);
    assert.deepEqual(out.errors, []);
    assert.equal(out.files, 5);
  });

  it('stylish: one summary line', () => {
    const r = kubehex(['scan', '.', '--no-color', '--max-file-size', '0.001'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('⚠ '));
    assert.deepEqual(lines.slice(at, at + 2), ['⚠ 8 problems (0 errors, 8 warnings, 0 info) in 5 files', '  4 files skipped: 1 too large, 3 template sources']);
  });

  it('SARIF: toolExecutionNotifications, one note per skipped file', () => {
    const r = kubehex(['scan', '.', '--format', 'sarif', '--max-file-size', '0.001'], { cwd: dir });
    const notes = JSON.parse(r.stdout).runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(notes.map((n: any) => [n.level, n.descriptor.id, n.locations[0].physicalLocation.artifactLocation.uri]), [
      ['note', 'skipped/too-large', 'big.yaml'],
      ['note', 'skipped/template-source', 'chart/Chart.yaml'],
      ['note', 'skipped/template-source', 'chart/templates/a.yaml'],
      ['note', 'skipped/template-source', 'chart/templates/b.yaml'],
    ]);
    assert.equal(notes[0].message.text, 'skipped (too-large): larger than --max-file-size, not linted');
  });
});

/** The SARIF 2.1.0 rules about URIs that we can check ourselves (SARIF1002, SARIF1004, originalUriBaseIds). */
function checkSarifUris(sarif: any): void {
  const run = sarif.runs[0];
  const base = run.originalUriBaseIds['%SRCROOT%'].uri as string;
  assert.ok(base.startsWith('file:///') && base.endsWith('/'), base);
  const locs = [...run.results.flatMap((r: any) => r.locations), ...run.invocations[0].toolExecutionNotifications.flatMap((n: any) => n.locations)];
  for (const l of locs) {
    const a = l.physicalLocation.artifactLocation;
    assert.doesNotMatch(a.uri, /[#? \\]|%(?![0-9A-F]{2})/, a.uri);
    const absolute = /^[a-z][a-z0-9+.-]*:/.test(a.uri);
    assert.equal(absolute, a.uriBaseId === undefined, `${a.uri} ${a.uriBaseId}`);
  }
}

describe('cli: SARIF URIs (sarif-uri-unescaped, issue 12 item 4)', function () {
  this.timeout(60000);

  it('escapes #, ?, %, spaces and non-ASCII in relative URIs', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a#b?c d%é.yaml'), POD);
    const sarif = JSON.parse(kubehex(['scan', '.', '--format', 'sarif'], { cwd: dir }).stdout);
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: 'a%23b%3Fc%20d%25%C3%A9.yaml', uriBaseId: '%SRCROOT%' });
    const resolved = new URL(loc.uri, sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri);
    assert.equal(resolved.href, pathToFileURL(join(dir, 'a#b?c d%é.yaml')).href);
    checkSarifUris(sarif);
  });

  it('files outside the working directory get an absolute file:// URI and no uriBaseId', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x y'));
    writeFileSync(join(dir, 'x y', 'p#1.yaml'), POD);
    const cwd = tempDir();
    const sarif = JSON.parse(kubehex(['scan', join(dir, 'x y'), '--format', 'sarif'], { cwd }).stdout);
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: pathToFileURL(join(dir, 'x y', 'p#1.yaml')).href });
    assert.match(loc.uri, /^file:\/\/\/.*\/x%20y\/p%231\.yaml$/);
    checkSarifUris(sarif);
  });
});

describe('cli: a pipe that closes early (epipe-stacktrace)', function () {
  this.timeout(60000);

  const firstChunkThenClose = (args: string[], cwd?: string) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => { stderr += d; });
    p.stdout.once('data', () => p.stdout.destroy());
    p.on('close', (code) => resolve({ code, stderr }));
  });

  it('`kubehex rules | head` exits quietly', async () => {
    const r = await firstChunkThenClose(['rules']);
    assert.deepEqual(r, { code: 0, stderr: '' });
  });

  it('`kubehex scan --format json | head` exits quietly with the scan status', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'many.yaml'), Array.from({ length: 400 }, (_, i) => POD.replace('name: p', `name: p${i}`)).join('---\n'));
    const r = await firstChunkThenClose(['scan', 'many.yaml', '--format', 'json'], dir);
    assert.deepEqual(r, { code: 1, stderr: '' });
  });
});

describe('cli: the configuration says everything that is wrong at once', function () {
  this.timeout(60000);

  it('unknown options, a version written as a number and an unknown setting, each with file:line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), [
      'kubernetesVersion: 1.30',
      'rules:',
      '  allowed-registries:',
      '    severity: error',
      '    options:',
      '      registriez: [ghcr.io]',
      '  run-as-low-uid:',
      '    options: {minId: "10000"}',
      '  privileged-container: loud',
      'ignores: [vendor]',
      '',
    ].join('\n'));
    const r = kubehex(['scan', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, [
      'kubehex: .kubehex.yaml:1:1: kubernetesVersion: expected a string; 1.30 is read as a number, quote it: "1.30"',
      'kubehex: .kubehex.yaml:9:3: rules.privileged-container: expected one of "off", "error", "warning", "info", "on"',
      `kubehex: .kubehex.yaml:10:1: unknown setting "ignores" at the top level; expected one of: ${Object.keys(configSchema.properties).join(', ')}`,
      '',
    ].join('\n'));
  });

  it('rule options are checked once the shape is right', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  allowed-registries:\n    options:\n      registriez: [ghcr.io]\n  run-as-low-uid:\n    options: {minId: "10000"}\n  privileged-container:\n    options: {x: 1}\n');
    const r = kubehex(['scan', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, [
      'kubehex: .kubehex.yaml:4:7: unknown option "registriez" for rule allowed-registries; expected one of: registries',
      'kubehex: .kubehex.yaml:6:15: rules.run-as-low-uid.options.minId: expected a number (default: 10000)',
      'kubehex: .kubehex.yaml:8:15: unknown option "x" for rule privileged-container; it has no options',
      '',
    ].join('\n'));
  });

  it('an alias bomb in .kubehex.yaml is one clean line, exit 2 (config-alias-bomb-stacktrace)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill('*' + 'abcdefgh'[i - 1]).join(', ')}]`);
    lines.push('ignore: *h');
    writeFileSync(join(dir, '.kubehex.yaml'), lines.join('\n') + '\n');
    const r = kubehex(['scan', 'pod.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubehex: .kubehex.yaml:2:8: aliases expand to too many nodes (an alias bomb: Excessive alias count indicates a resource exhaustion attack); not expanded\n');
  });

  it('`kubehex lsp` without a transport says how to run it', () => {
    const r = kubehex(['lsp']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "kubehex: lsp: say how the editor talks to the server: `kubehex lsp --stdio` (the usual setting in an editor's LSP client configuration; VS Code starts the server itself)\n");
  });
});

describe('cli: the fix hint is true (issue 12 item 6)', function () {
  this.timeout(60000);

  it('counts safe and review fixes apart, and after --fix claims nothing --fix would apply', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const before = kubehex(['scan', 'pod.yaml', '--no-color'], { cwd: dir }).stdout;
    const hint = (out: string) => out.split('\n').filter((l) => /fix/.test(l) && !l.startsWith('Fix first') && !l.includes('(quick fix)') && /^ {2}\d/.test(l));
    assert.deepEqual(hint(before), ['  2 can be fixed by `kubehex scan --fix`; 5 fixes to review in the editor.']);
    const fixed = kubehex(['scan', 'pod.yaml', '--no-color', '--fix'], { cwd: dir });
    assert.deepEqual(hint(fixed.stdout), ['  5 fixes to review in the editor.']);
    const again = kubehex(['scan', 'pod.yaml', '--no-color', '--fix'], { cwd: dir });
    assert.equal(again.stderr, '');
  });

  it('JSON findings carry messageId and the field path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const out = JSON.parse(kubehex(['scan', 'pod.yaml', '--format', 'json'], { cwd: dir }).stdout);
    const f = out.findings.find((x: { ruleId: string }) => x.ruleId === 'privileged-container');
    assert.equal(f.messageId, 'privileged');
    assert.deepEqual(f.path, ['spec', 'containers', 0, 'securityContext', 'privileged']);
  });
});
