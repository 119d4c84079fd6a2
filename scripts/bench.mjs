// npm run bench: what a kubehex scan costs next to a bare `yaml.parseAllDocuments` of the same files (issue 15).
//   1. in this process (engine only, warm, one thread, built-in rules of the default profile, no admission
//      policies): the prometheus-operator bundle, the largest file and the whole corpus;
//   2. the whole of ../shared/corpus/real as a user runs it: `kubehex scan CORPUS --format json` in a fresh
//      process (rendering and the admission-policy pass included), in one thread and two (KUBEHEX_WORKERS=2: the
//      main thread and one worker), and as the CLI chooses by itself; next to a fresh process that only reads the
//      same files and runs a bare `yaml.parseAllDocuments` on each. Interleaved, medians of BENCH_RUNS (default 3),
//      wall and CPU time and the peak RSS of each process;
//   3. schema validation's share (scripts/bench-schema.mjs), the language server (scripts/bench-lsp.mjs) and,
//      when they exist, the render benches (scripts/bench-render.mjs, scripts/bench-kustomize.mjs).
// BENCH_ONLY=corpus stops after part 2; BENCH_BASE=DIR adds the CLI of another built checkout to part 2's runs. The machine's load average is printed before and after each part: figures taken on busy cores are noisy.
import { existsSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
if (!existsSync(join(root, 'out', 'cli', 'scan.js')) || !existsSync(join(root, 'dist', 'cli.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const YAML = require('yaml');
const { readFileSync } = require('node:fs');
const { scan } = require(join(root, 'out', 'cli', 'scan.js'));
const { collectFiles } = require(join(root, 'out', 'cli', 'files.js'));
const shared = join(root, '..', 'shared');
const corpus = process.env.KUBEHEX_CORPUS ?? join(shared, 'corpus', 'real');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${availableParallelism()} cores)`;
function time(fn) { const t = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t) / 1e6; }
async function timeAsync(fn) { const t = process.hrtime.bigint(); await fn(); return Number(process.hrtime.bigint() - t) / 1e6; }

function bare(files) {
  for (const f of files) {
    try { YAML.parseAllDocuments(readFileSync(f, 'utf8')); } catch { /* counted like a failed parse */ }
  }
}

/** Engine only, in this process, warm: bare parse and scan() interleaved. */
async function compare(label, files, runs) {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  bare(files); await scan({ files, workers: 1 }); // warm-up
  const b = [], s = [];
  for (let i = 0; i < runs; i++) {
    b.push(time(() => bare(files)));
    s.push(await timeAsync(() => scan({ files, workers: 1 })));
  }
  const mb = median(b), ms = median(s);
  console.log(`${label}: ${files.length} file(s), ${(bytes / 1048576).toFixed(2)} MB — bare yaml.parseAllDocuments ${mb.toFixed(0)} ms, scan() ${ms.toFixed(0)} ms, ratio ${(ms / mb).toFixed(2)}x (in-process, warm, median of ${runs}, one thread, profile recommended)`);
}

// A fresh process: its wall time (start to exit, as a shell would see it), CPU time of all its threads and peak RSS.
// The CLI starts as `kubehex` does (bin/kubehex.js: its V8 flags and the bundle's code cache); figures at exit.
const CHILD_CLI = `
process.argv = [process.argv[0], process.env.BENCH_CLI, ...JSON.parse(process.env.BENCH_ARGS)];
process.on('exit', (code) => {
  const u = process.resourceUsage();
  process.stderr.write('BENCH ' + JSON.stringify({ code, cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + '\\n');
});
require(process.env.BENCH_CLI);`;
const CHILD_BARE = `
const fs = require('node:fs');
const YAML = require(process.env.BENCH_YAML);
for (const f of fs.readFileSync(process.env.BENCH_LIST, 'utf8').split('\\n')) {
  if (!f) continue;
  try { YAML.parseAllDocuments(fs.readFileSync(f, 'utf8')); } catch {}
}
const u = process.resourceUsage();
process.stderr.write('BENCH ' + JSON.stringify({ code: 0, cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + '\\n');`;

function child(code, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', code], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1048576, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`bench child failed (status ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  return { wall, ...JSON.parse(line.slice(6)) };
}

function cliRuns(files, runs) {
  const tmp = mkdtempSync(join(tmpdir(), 'kubehex-bench-'));
  const list = join(tmp, 'files.txt');
  writeFileSync(list, files.join('\n'));
  const cli = join(root, 'bin', 'kubehex.js');
  const args = JSON.stringify(['scan', corpus, '--format', 'json', '--fail-on', 'none']);
  const variants = [
    ['bare parse', CHILD_BARE, { BENCH_LIST: list, BENCH_YAML: require.resolve('yaml') }],
    ['kubehex scan, 1 thread', CHILD_CLI, { BENCH_CLI: cli, BENCH_ARGS: args, KUBEHEX_WORKERS: '1' }],
    ['kubehex scan, 2 threads', CHILD_CLI, { BENCH_CLI: cli, BENCH_ARGS: args, KUBEHEX_WORKERS: '2' }],
    ['kubehex scan, as the CLI chooses', CHILD_CLI, { BENCH_CLI: cli, BENCH_ARGS: args, KUBEHEX_WORKERS: '' }],
  ];
  // BENCH_BASE=/path/to/another/checkout (built): its CLI too, in the same interleaved runs (before/after figures)
  const base = process.env.BENCH_BASE;
  if (base) {
    const bcli = join(base, 'bin', 'kubehex.js');
    variants.push([`${relative(process.cwd(), base) || base}: 1 thread`, CHILD_CLI, { BENCH_CLI: bcli, BENCH_ARGS: args, KUBEHEX_WORKERS: '1' }]);
    variants.push([`${relative(process.cwd(), base) || base}: KUBEHEX_WORKERS=2`, CHILD_CLI, { BENCH_CLI: bcli, BENCH_ARGS: args, KUBEHEX_WORKERS: '2' }]);
  }
  const got = variants.map(() => []);
  const loads = [];
  try {
    for (let i = 0; i < runs; i++) {
      variants.forEach(([, code, env], k) => got[k].push(child(code, env)));
      loads.push(loadavg()[0]);
    }
  } finally { rmSync(tmp, { recursive: true, force: true }); }
  const m = got.map((rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), rss: Math.max(...rs.map((r) => r.rss)) }));
  console.log(`whole corpus/real, each figure a fresh process (median of ${runs}, interleaved; 1-min load average during the runs ${loads.map((x) => x.toFixed(2)).join(', ')}):`);
  variants.forEach(([label], k) => {
    const ratio = k ? `, ${(m[k].wall / m[0].wall).toFixed(2)}x the bare parse` : '';
    console.log(`  ${label.padEnd(40)} ${m[k].wall.toFixed(0).padStart(6)} ms wall, ${m[k].cpu.toFixed(0).padStart(6)} ms CPU, peak RSS ${m[k].rss.toFixed(0)} MB${ratio}`);
  });
  // issue 15's targets, against the bare parse of the same runs (wall time; on a busy machine they mean little)
  const r1 = m[1].wall / m[0].wall, r2 = m[2].wall / m[0].wall, rss = Math.max(m[1].rss, m[2].rss, m[3].rss);
  const mark = (ok) => (ok ? 'met' : 'NOT met');
  console.log(`  targets: both cores <= 0.75x: ${r2.toFixed(2)}x ${mark(r2 <= 0.75)}; one thread <= 1.0x (stretch): ${r1.toFixed(2)}x ${mark(r1 <= 1)}; peak RSS <= 400 MB: ${rss.toFixed(0)} MB ${mark(rss <= 400)}${loads.some((x) => x >= availableParallelism()) ? ' (load average at or above the core count: figures are noisy)' : ''}`);
}

console.log(load());
if (!existsSync(corpus)) {
  console.log(`bench: corpus not found at ${corpus}; measuring the bundled examples only`);
  const { files } = collectFiles([join(root, 'examples')]);
  await compare('examples/', files, RUNS);
} else {
  const { files } = collectFiles([corpus]);
  const largest = files.reduce((a, f) => (statSync(f).size > statSync(a).size ? f : a), files[0]);
  const promOp = join(corpus, 'prometheus-operator', 'bundle.yaml');
  if (existsSync(promOp) && promOp !== largest) await compare(`prometheus-operator bundle (${relative(corpus, promOp)})`, [promOp], Math.max(RUNS, 5));
  await compare(`largest file (${relative(corpus, largest)})`, [largest], Math.max(RUNS, 5));
  await compare('whole corpus/real, built-in rules', files, RUNS);
  console.log(load());
  cliRuns(files, RUNS);
}
console.log(load());
if (process.env.BENCH_ONLY === 'corpus') process.exit(0);
// schema validation's share, in a fresh process (its first figure is cold)
execFileSync(process.execPath, [join(root, 'scripts', 'bench-schema.mjs')], { stdio: 'inherit' });
for (const extra of ['bench-lsp.mjs', 'bench-policies.mjs', 'bench-render.mjs', 'bench-kustomize.mjs']) {
  const p = join(root, 'scripts', extra);
  if (!existsSync(p)) continue;
  if ((extra === 'bench-render.mjs' || extra === 'bench-kustomize.mjs') && !existsSync(shared)) { console.log(`${extra}: skipped (no ../shared)`); continue; }
  execFileSync(process.execPath, [p], { stdio: 'inherit' });
}
console.log(load());
