import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

// Regression tests for issue 14's hostile repositories (CLI half): each names the reproducer it stands for.

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
const FIXED_POD = POD.replace('privileged: true', 'privileged: false');
const ONLY_PRIVILEGED = 'profile: recommended\nrules:\n' + ['capabilities-not-dropped', 'privilege-escalation-allowed', 'default-service-account', 'liveness-probe-missing', 'readiness-probe-missing', 'resource-limits-missing', 'resource-requests-missing', 'run-as-root', 'service-account-token-automount', 'seccomp-profile-missing', 'writable-root-filesystem', 'image-not-pinned', 'namespace-default'].map((id) => `  ${id}: off\n`).join('');

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

describe('cli: configuration and ignore files that are not regular files (config-or-gitignore-symlink-to-device)', function () {
  this.timeout(60000);

  it('a .kubehex.yaml symlinked to /dev/zero is refused at once, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    symlinkSync('/dev/zero', join(dir, '.kubehex.yaml'));
    const r = kubehex(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubehex: .kubehex.yaml: not a regular file (a character device); refusing to read it as configuration\n');
    assert.equal(r.stdout, '');
  });

  it('a FIFO named .kubehex.yaml does not block the scan', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    if (!mkfifo(join(dir, '.kubehex.yaml'))) this.skip();
    const r = kubehex(['scan', '.'], { cwd: dir });
    assert.equal(r.signal, null);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubehex: .kubehex.yaml: not a regular file (a FIFO); refusing to read it as configuration\n');
  });

  it('a .kubehex.yaml larger than --max-file-size is refused with its size', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), '# padding\n'.repeat(300));
    const r = kubehex(['scan', '.', '--max-file-size', '0.001'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubehex: .kubehex.yaml: too large (3000 bytes > 1048 bytes); refusing to read it as configuration\n');
  });

  it('a .gitignore symlinked to /dev/zero or a FIFO is not applied, with a warning, and the scan goes on', function () {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), POD);
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    const r = kubehex(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'kubehex: warning: .gitignore: not a regular file (a character device); its patterns are not applied\n');
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId).filter((id: string) => id === 'privileged-container'), ['privileged-container']);

    const dir2 = tempDir();
    mkdirSync(join(dir2, 'sub'));
    writeFileSync(join(dir2, 'sub', 'pod.yaml'), POD);
    if (!mkfifo(join(dir2, 'sub', '.gitignore'))) this.skip();
    const r2 = kubehex(['scan', 'sub', '--format', 'json'], { cwd: dir2 });
    assert.equal(r2.signal, null);
    assert.equal(r2.stderr, 'kubehex: warning: sub/.gitignore: not a regular file (a FIFO); its patterns are not applied\n');
  });

  it('a FIFO named on the command line is reported as an error, not read', function () {
    const dir = tempDir();
    if (!mkfifo(join(dir, 'pipe.yaml'))) this.skip();
    const r = kubehex(['scan', 'pipe.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).errors, [{ file: 'pipe.yaml', message: 'not a regular file (a FIFO); not read' }]);
  });
});

describe('cli: ignore globs cannot stall the scan (ignore-glob-redos)', function () {
  this.timeout(60000);

  it('a thousand repeated **/ segments and star-heavy patterns match like the short forms', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b', 'c', 'd'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'c', 'd', 'pod.yaml'), POD);
    writeFileSync(join(dir, 'a', 'b', 'x.yaml'), POD);
    writeFileSync(join(dir, 'a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml'), POD);
    const globs = ['**/'.repeat(1000) + 'x.yaml', '*a'.repeat(40) + 'b', '**/a*/'.repeat(60) + 'zz', 'a*/**/'.repeat(60) + 'zz'];
    writeFileSync(join(dir, '.kubehex.yaml'), ONLY_PRIVILEGED + 'ignore:\n' + globs.map((g) => `  - "${g}"\n`).join(''));
    const r = kubehex(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const files = [...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))].sort();
    assert.deepEqual(files, ['a/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml', 'a/b/c/d/pod.yaml']);
  });
});

describe('cli: --fix writes only what the scan lints', function () {
  this.timeout(60000);

  it('rewrites a Helm template only through a fix verified by rendering again (fix-modifies-skipped-template)', () => {
    const dir = tempDir();
    const chart = (name: string, template: string) => {
      mkdirSync(join(dir, name, 'templates'), { recursive: true });
      writeFileSync(join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
      writeFileSync(join(dir, name, 'templates', 'pod.yaml'), template);
    };
    // literal template text: the fix edits the template, proven by rendering again
    const literal = POD.replace('name: p', 'name: "{{ .Release.Name }}"');
    chart('chart', literal);
    // the value is computed by an action: no source edit can be proven, so nothing is written
    const computed = literal.replace('privileged: true', 'privileged: {{ not false }}');
    chart('computed', computed);
    // a chart that does not render has no findings, so no fix either
    const broken = literal.replace('image: nginx:1.27', 'image: {{ .Values.image');
    chart('broken', broken);
    writeFileSync(join(dir, 'plain.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), ONLY_PRIVILEGED);
    const r = kubehex(['scan', '.', '--fix', '--no-color'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'chart', 'templates', 'pod.yaml'), 'utf8'), literal.replace('privileged: true', 'privileged: false'));
    assert.equal(readFileSync(join(dir, 'computed', 'templates', 'pod.yaml'), 'utf8'), computed);
    assert.equal(readFileSync(join(dir, 'broken', 'templates', 'pod.yaml'), 'utf8'), broken);
    assert.equal(readFileSync(join(dir, 'plain.yaml'), 'utf8'), FIXED_POD);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /computed\/templates\/pod\.yaml\n {2}10:9 {2}error {2}Pod release-name: container "c" runs privileged.*privileged-container\n/);
    assert.doesNotMatch(r.stdout, /\nchart\/templates\/pod\.yaml\n/);
    assert.match(r.stdout, /\nbroken\/templates\/pod\.yaml\n {2}9:7 {2}fatal {2}parse error at \(broken\/templates\/pod\.yaml:9\): function "securityContext" not defined/);
    assert.match(r.stdout, /\n {2}1 safe fix in charts or kustomizations not applied: no edit of its source files is proven by rendering again\.\n/);
    assert.equal(r.stderr, 'kubehex: applied 2 safe fixes in 2 files\n');
  });

  it('never rewrites a file above --max-file-size (fix-ignores-max-file-size)', () => {
    const dir = tempDir();
    const big = (POD + '---\n').repeat(10);
    writeFileSync(join(dir, 'big.yaml'), big);
    const r = kubehex(['scan', 'big.yaml', '--max-file-size', '0.001', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'big.yaml'), 'utf8'), big);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.findings, out.errors, out.skipped], [[], [], [{ file: 'big.yaml', reason: 'too-large' }]]);
    assert.equal(r.code, 0);
  });

  it('writes through a symlink to its target and keeps the link (fix-replaces-symlink)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'pod.yaml'), POD);
    writeFileSync(join(dir, '.kubehex.yaml'), ONLY_PRIVILEGED);
    symlinkSync('base/pod.yaml', join(dir, 'pod.yaml'));
    const r = kubehex(['scan', 'pod.yaml', '--fix'], { cwd: dir });
    assert.equal(r.stderr, 'kubehex: applied 1 safe fix in 1 file\n');
    assert.ok(lstatSync(join(dir, 'pod.yaml')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'pod.yaml')), 'base/pod.yaml');
    assert.equal(readFileSync(join(dir, 'base', 'pod.yaml'), 'utf8'), FIXED_POD);
  });

  it('refuses, with a message, to write through a symlink that leads outside the scanned folders', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'pod.yaml'), POD);
    const dir = tempDir();
    writeFileSync(join(dir, '.kubehex.yaml'), ONLY_PRIVILEGED);
    symlinkSync(join(outside, 'pod.yaml'), join(dir, 'pod.yaml'));
    const r = kubehex(['scan', '.', join(dir, 'pod.yaml'), '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(r.stderr, `kubehex: pod.yaml: a symlink to ${join(outside, 'pod.yaml')}, outside the scanned folders and the working directory; not fixed\n`);
    assert.equal(readFileSync(join(outside, 'pod.yaml'), 'utf8'), POD);
    assert.ok(lstatSync(join(dir, 'pod.yaml')).isSymbolicLink());
    assert.equal(r.code, 1);
  });
});
