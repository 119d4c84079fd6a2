// npm run bench: what a kubehex scan costs next to a bare `yaml.parseAllDocuments` of the same files.
// Prints ratios for the largest corpus file and for the whole of ../shared/corpus/real (when present), then
// schema validation's cost (scripts/bench-schema.mjs), the language-server figures (scripts/bench-lsp.mjs), then
// admission policies' (scripts/bench-policies.mjs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
if (!existsSync(join(root, 'out', 'cli', 'scan.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const YAML = require('yaml');
const { scan } = require(join(root, 'out', 'cli', 'scan.js'));
const { collectFiles } = require(join(root, 'out', 'cli', 'files.js'));
const corpus = process.env.KUBEHEX_CORPUS ?? join(root, '..', 'shared', 'corpus', 'real');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
function time(fn) { const t = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t) / 1e6; }
async function timeAsync(fn) { const t = process.hrtime.bigint(); await fn(); return Number(process.hrtime.bigint() - t) / 1e6; }

function bare(files) {
  for (const f of files) {
    try { YAML.parseAllDocuments(readFileSync(f, 'utf8')); } catch { /* counted like a failed parse */ }
  }
}

async function compare(label, files, runs) {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  bare(files); await scan({ files, workers: 1 }); // warm-up
  const b = [], s = [];
  for (let i = 0; i < runs; i++) {
    b.push(time(() => bare(files)));
    s.push(await timeAsync(() => scan({ files, workers: 1 })));
  }
  const mb = median(b), ms = median(s);
  console.log(`${label}: ${files.length} file(s), ${(bytes / 1048576).toFixed(2)} MB — bare yaml.parseAllDocuments ${mb.toFixed(0)} ms, kubehex scan ${ms.toFixed(0)} ms, ratio ${(ms / mb).toFixed(2)}x (median of ${runs}, one thread, profile recommended)`);
}

console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${availableParallelism()} cores)`);
if (!existsSync(corpus)) {
  console.log(`bench: corpus not found at ${corpus}; measuring the bundled examples only`);
  const { files } = collectFiles([join(root, 'examples')]);
  await compare('examples/', files, RUNS);
} else {
  const { files } = collectFiles([corpus]);
  const largest = files.reduce((a, f) => (statSync(f).size > statSync(a).size ? f : a), files[0]);
  const promOp = join(corpus, 'prometheus-operator', 'bundle.yaml');
  if (existsSync(promOp) && promOp !== largest) await compare(`prometheus-operator bundle (${relative(corpus, promOp)})`, [promOp], RUNS);
  await compare(`largest file (${relative(corpus, largest)})`, [largest], RUNS);
  await compare('whole corpus/real', files, Math.max(1, Math.min(RUNS, 3)));
  // worker threads forced (one per core, at most 4) next to one thread, interleaved; then as the CLI
  // chooses by itself (workers only on idle cores)
  const wr = Math.max(1, Math.min(RUNS, 3));
  const nw = Math.min(4, availableParallelism());
  const w = [], one = [], wc = [], oc = [];
  const cpuOf = (c) => (c.user + c.system) / 1000;
  for (let i = 0; i < wr; i++) {
    let c = process.cpuUsage();
    w.push(await timeAsync(() => scan({ files, workers: nw, workerScript: join(root, 'dist', 'cli.js') })));
    wc.push(cpuOf(process.cpuUsage(c)));
    c = process.cpuUsage();
    one.push(await timeAsync(() => scan({ files, workers: 1 })));
    oc.push(cpuOf(process.cpuUsage(c)));
  }
  console.log(`whole corpus/real in ${nw} worker threads: ${median(w).toFixed(0)} ms wall, ${median(wc).toFixed(0)} ms CPU; one thread ${median(one).toFixed(0)} ms wall, ${median(oc).toFixed(0)} ms CPU (medians of ${wr}, interleaved; load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores)`);
  const t = await timeAsync(() => scan({ files, workerScript: join(root, 'dist', 'cli.js') }));
  console.log(`whole corpus/real as the CLI runs it (workers only on idle cores): ${t.toFixed(0)} ms`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
// schema validation's share, in a fresh process (its first figure is cold)
execFileSync(process.execPath, [join(root, 'scripts', 'bench-schema.mjs')], { stdio: 'inherit' });
if (existsSync(join(root, 'scripts', 'bench-lsp.mjs'))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'bench-lsp.mjs')], { stdio: 'inherit' });
}
// admission policies: 50 policies over a corpus, and keystroke -> diagnostics in a policy file
execFileSync(process.execPath, [join(root, 'scripts', 'bench-policies.mjs')], { stdio: 'inherit' });
