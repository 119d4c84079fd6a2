import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, startScanWorker } from '../../cli/scan';
import { BIN, ROOT, tempDir } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require(join(ROOT, 'bin', 'load-bundle.js')) as { CLI_V8_FLAGS: string[]; cacheFile(source: Buffer, data: Buffer): Buffer };

function run(bin: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KUBEHEX_SCAN_TRACE: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Plain manifests (no chart, no kustomization: a scan of them may run on two threads). */
function manifests(): string {
  const dir = tempDir();
  for (const f of ['hardened-deployment.yaml', 'insecure-deployment.yaml', 'rbac.yaml', 'cronjob.json']) copyFileSync(join(ROOT, 'examples', f), join(dir, f));
  return dir;
}

/** A copy of bin/ and dist/cli.js, with `cache` as dist/cli.js.cache (none when undefined). */
function install(cache: Buffer | undefined): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  for (const f of ['kubehex.js', 'load-bundle.js']) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
  copyFileSync(join(ROOT, 'dist', 'cli.js'), join(dir, 'dist', 'cli.js'));
  symlinkSync(join(ROOT, 'dist', 'validators'), join(dir, 'dist', 'validators'));
  if (cache) writeFileSync(join(dir, 'dist', 'cli.js.cache'), cache);
  return join(dir, 'bin', 'kubehex.js');
}

const FLAGS = loader.CLI_V8_FLAGS.join(' ');

describe('cli: start-up (V8 flags, code cache, early worker)', () => {
  it('knows every V8 flag it sets (V8 reports an unknown one on standard error)', () => {
    assert.ok(loader.CLI_V8_FLAGS.length > 0);
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))}).applyCliFlags()`], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  it('lets the old generation grow by less before a full collection (--heap-growing-percent)', function () {
    this.timeout(60000);
    // 48 MB kept, then objects that live long enough to be promoted and die: the peak of the used heap is about
    // the limit V8 set after the last full collection (its default on a large machine: up to 4x the live size)
    const child = (flags: boolean) => `${flags ? `require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))}).applyCliFlags();` : ''}
      const keep = []; for (let i = 0; i < 48 * 1024; i++) keep.push('x'.repeat(1000) + i);
      gc(); const live = process.memoryUsage().heapUsed; let peak = 0;
      const ring = new Array(40000); for (let i = 0; i < 1500000; i++) { ring[i % ring.length] = { a: [i, i + 1, i + 2], s: 'y'.repeat(200) + i }; if (i % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed); }
      process.stdout.write(String(peak / live));`;
    const grown = (flags: boolean) => {
      const r = spawnSync(process.execPath, ['--expose-gc', '-e', child(flags)], { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      return Number(r.stdout);
    };
    const withFlags = grown(true);
    const without = grown(false);
    assert.ok(withFlags < 0.7 * without, `peak ${withFlags.toFixed(2)}x the kept heap with the flags, ${without.toFixed(2)}x without`);
  });

  it('loads the bundle from its code cache in both threads, with the flags, and reports what a plain load reports', function () {
    this.timeout(120000);
    const dir = manifests();
    const two = run(BIN, ['scan', dir, '--format', 'json'], { KUBEHEX_WORKERS: '2', KUBEHEX_CACHE_TRACE: '1' });
    assert.match(two.stderr, new RegExp(`^\\[start\\] V8 flags ${FLAGS}, dist/cli\\.js loaded from its code cache$`, 'm'));
    assert.match(two.stderr, /^\[start worker\] dist\/cli\.js loaded from its code cache$/m);
    assert.match(two.stderr, /2 threads \(1 workers and this one\)/);
    assert.match(two.stderr, /1 of the workers started early/);
    // the bundle and the schema validators of the Deployment, CronJob and RBAC kinds in this thread (at least)
    assert.ok(Number(/^\[exit\] (\d+) modules loaded from their code cache$/m.exec(two.stderr)?.[1]) >= 3, two.stderr);
    // the bundle run by itself: no code cache, no flags, no early worker
    const plain = run(join(ROOT, 'dist', 'cli.js'), ['scan', dir, '--format', 'json'], { KUBEHEX_WORKERS: '1' });
    assert.doesNotMatch(plain.stderr, /\[start/);
    assert.equal(plain.code, 1);
    assert.equal(two.code, plain.code);
    assert.equal(two.stdout, plain.stdout);
    assert.ok((JSON.parse(plain.stdout) as { findings: unknown[] }).findings.length > 5);
  });

  it('loads the bundle as usual when its code cache is damaged, cut short, made under other flags or missing', function () {
    this.timeout(180000);
    const dir = manifests();
    const good = readFileSync(join(ROOT, 'dist', 'cli.js.cache'));
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1000] ^= 0x5a;
    // a cache of this very bundle, made without the CLI's flags: V8 itself refuses it
    const other = join(tempDir(), 'other.cache');
    const made = spawnSync(process.execPath, ['-e', `
      const l = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))}), fs = require('fs');
      const file = ${JSON.stringify(join(ROOT, 'dist', 'cli.js'))}, source = fs.readFileSync(file);
      const s = l.compile(file, source, undefined);
      l.run(s, file);
      fs.writeFileSync(${JSON.stringify(other)}, l.cacheFile(source, s.createCachedData()));`], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const ref = run(install(good), ['scan', dir, '--format', 'json'], { KUBEHEX_WORKERS: '1' });
    assert.match(ref.stderr, /^\[start\] V8 flags .*, dist\/cli\.js loaded from its code cache$/m);
    const cases: Array<[string, Buffer | undefined]> = [['damaged', flipped], ['cut short', good.subarray(0, 5000)], ['other flags', readFileSync(other)], ['missing', undefined], ['empty', Buffer.alloc(0)]];
    for (const [what, cache] of cases) {
      for (const workers of ['1', '2']) {
        const r = run(install(cache), ['scan', dir, '--format', 'json'], { KUBEHEX_WORKERS: workers });
        assert.match(r.stderr, /^\[start\] V8 flags .*, dist\/cli\.js compiled$/m, what);
        assert.equal(r.code, ref.code, what);
        assert.equal(r.stdout, ref.stdout, `${what}, ${workers} thread(s)`);
      }
    }
  });

  it('loads a schema validator with its code cache only when the cache is the one made for it', () => {
    const dir = tempDir();
    const pod = join(ROOT, 'dist', 'validators', 'v1_Pod.js');
    // with the helper modules the validators share (dist/validators/_*.js)
    for (const f of readdirSync(join(ROOT, 'dist', 'validators'))) if (f.startsWith('_') && f.endsWith('.js')) copyFileSync(join(ROOT, 'dist', 'validators', f), join(dir, f));
    copyFileSync(pod, join(dir, 'pod.js'));
    const cache = readFileSync(`${pod}.cache`);
    writeFileSync(join(dir, 'pod.js.cache'), cache);
    // the same validator text with another one's cache: refused (V8 alone would check only the length)
    copyFileSync(pod, join(dir, 'other.js'));
    writeFileSync(join(dir, 'other.js.cache'), readFileSync(join(ROOT, 'dist', 'validators', 'v1_Service.js.cache')));
    const r = spawnSync(process.execPath, ['-e', `
      const l = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))});
      l.applyCliFlags();
      const out = {};
      for (const f of ['pod.js', 'other.js', 'none.js']) {
        const stats = {};
        const m = l.loadCached(require('path').join(${JSON.stringify(dir)}, f), stats);
        out[f] = m ? { cacheUsed: stats.cacheUsed, valid: m.exports({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } }) } : 'not loaded';
      }
      process.stdout.write(JSON.stringify(out));`], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), { 'pod.js': { cacheUsed: true, valid: true }, 'other.js': 'not loaded', 'none.js': 'not loaded' });
  });

  it('terminates the worker started early when the scan runs in one thread, with the one-thread output', function () {
    this.timeout(120000);
    // examples/ holds a chart and a kustomization: a scan that renders runs in one thread
    const two = run(BIN, ['scan', join(ROOT, 'examples'), '--format', 'json'], { KUBEHEX_WORKERS: '2' });
    assert.match(two.stderr, /\] one thread, 1 worker started early terminated$/m);
    const one = run(BIN, ['scan', join(ROOT, 'examples'), '--format', 'json'], { KUBEHEX_WORKERS: '1' });
    assert.match(one.stderr, /\] one thread$/m);
    assert.doesNotMatch(one.stderr, /\[start worker\]/);
    assert.equal(two.code, one.code);
    assert.equal(two.stdout, one.stdout);
  });

  it('fails the scan when a worker started early dies before it gets its job', async function () {
    this.timeout(60000);
    const dir = manifests();
    const bad = join(tempDir(), 'bad-worker.js');
    writeFileSync(bad, 'throw new Error("no engine here");\n');
    const files = ['hardened-deployment.yaml', 'rbac.yaml'].map((f) => join(dir, f));
    await assert.rejects(scan({ files, workers: 2, workerScript: bad, early: [startScanWorker(bad)] }), /no engine here/);
  });
});
