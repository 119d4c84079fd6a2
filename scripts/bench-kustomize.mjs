// Kustomize benches (issue 10): the largest case of ../shared/kustomize (by `kubectl kustomize` output size).
//   1. build + lint, next to `kubectl kustomize` of the same root measured in the same run, interleaved:
//      in process (warm: build, then lint + map back, as `kubehex scan` does) and as a fresh `kubehex scan ROOT
//      --format json` process (node start included, as a shell sees it), against a fresh `kubectl kustomize ROOT`
//      (skipped with a note when kubectl is not on PATH);
//   2. the language server (dist/server.js over stdio): a keystroke in one of the root's patch files (opened in
//      the editor, so nothing is written to disk) to the diagnostics that show its effect on the built output
//      (a `privileged: true` the patch sets appears as privileged-container on the patch, and goes away).
// Prints the machine's load average: figures taken on busy cores are noisy. Run after `npm run build`.
//   node scripts/bench-kustomize.mjs [--runs N] [--server-only] [CASE_ID]   (--server-only: part 2 alone)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from './bench-lsp-client.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_KUSTOMIZE_CASES ?? join(root, '..', 'shared', 'kustomize');
if (!existsSync(join(base, 'cases.json'))) { console.log(`bench-kustomize: skipped (${base} not found)`); process.exit(0); }
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const serverOnly = args.includes('--server-only');
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');

const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).filter((c) => typeof c.expect === 'string');
const chosen = named.length ? cases.find((c) => c.id === named[0]) : cases.reduce((a, c) => (statSync(join(base, c.expect)).size > statSync(join(base, a.expect)).size ? c : a));
if (!chosen) { console.log(`bench-kustomize: no case ${named[0]}`); process.exit(2); }
const dir = resolve(base, chosen.root);
const none = chosen.flags.includes('LoadRestrictionsNone');
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${availableParallelism()} cores)`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const now = () => performance.now();
console.log(`bench-kustomize: case ${chosen.id} (${(statSync(join(base, chosen.expect)).size / 1024).toFixed(0)} KiB built); ${load()}`);

// 1. build + lint against kubectl kustomize
const R = require(join(root, 'out', 'render', 'index.js'));
const { diskFs } = require(join(root, 'out', 'cli', 'disk-fs.js'));
const { ruleSetFor } = require(join(root, 'out', 'cli', 'scan.js'));
const fs = diskFs();
const set = ruleSetFor({});
const kz = R.renderers.find((r) => r.kind === 'kustomize');
const options = { kustomize: none ? { loadRestrictor: 'LoadRestrictionsNone' } : {} };
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
const cli = join(root, 'bin', 'kubehex.js');
const fresh = (cmd, argv) => { const t = now(); const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }); return { ms: now() - t, status: r.status, out: r.stdout }; };
const t = { build: [], lint: [], total: [], kubectl: [], cli: [] };
let findings = 0, same;
for (let i = 0; i < (serverOnly ? 0 : RUNS + 2); i++) {
  const t0 = now();
  const rs = R.renderSource(fs, dir, kz, options, set);
  const t1 = now();
  const out = R.lintRendered(rs, set, rs.objects);
  const t2 = now();
  if (out.errors.length) { console.log(`  build error: ${out.errors[0].message.slice(0, 200)}`); process.exit(1); }
  findings = out.findings.length;
  const k = haveKubectl ? fresh('kubectl', ['kustomize', ...(none ? ['--load-restrictor', 'LoadRestrictionsNone'] : []), dir]) : undefined;
  const c = fresh(process.execPath, [cli, 'scan', dir, '--format', 'json', ...(none ? ['--load-restrictor', 'LoadRestrictionsNone'] : [])]);
  if (k && same === undefined) same = k.out === rs.result.text;
  if (i < 2) continue; // warm-up
  t.build.push(t1 - t0); t.lint.push(t2 - t1); t.total.push(t2 - t0); t.cli.push(c.ms);
  if (k) t.kubectl.push(k.ms);
}
const f = (xs) => `${median(xs).toFixed(0)} ms`;
if (!serverOnly) {
console.log(`  in process (warm): build + lint ${f(t.total)} (build ${f(t.build)}, lint + map back ${f(t.lint)}), ${findings} findings; median of ${t.total.length}`);
console.log(`  fresh processes: kubehex scan ${f(t.cli)} (node start, build, lint, report)${haveKubectl ? `, kubectl kustomize ${f(t.kubectl)} (build only${same ? ', same output' : same === false ? ', OUTPUT DIFFERS' : ''})` : ''}`);
if (haveKubectl) console.log(`  build + lint in process is ${(median(t.kubectl) / median(t.total)).toFixed(2)}x the speed of kubectl kustomize alone; a fresh kubehex scan ${(median(t.kubectl) / median(t.cli)).toFixed(2)}x`);
else console.log('  kubectl kustomize: not measured (kubectl is not on PATH)');
console.log(`  ${load()}`);
}

// 2. keystroke in a patch -> diagnostics, in the language server
const server = join(root, 'dist', 'server.js');
if (!existsSync(server)) { console.log('  language server: skipped (dist/server.js missing; run npm run build)'); process.exit(0); }
const patchFile = R.renderSource(fs, dir, kz, options, set).result.inputs.map((i) => i.file)
  .find((p) => /patch|policy/i.test(p) && /\.ya?ml$/.test(p) && /kind:\s*Deployment/.test(readFileSync(p, 'utf8')) && /containers:\s*\n\s*- name:/.test(readFileSync(p, 'utf8')));
if (!patchFile) { console.log('  language server: skipped (no Deployment patch with a container in this case)'); process.exit(0); }


const workspace = resolve(base, chosen.root.split('/').slice(0, 2).join('/'));
const c = new BenchClient(server, {});
await c.request('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: chosen.id }], initializationOptions: { isTrusted: true }, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
c.notify('initialized', {});
// the patch as on disk, plus a securityContext the keystrokes toggle (in the editor's buffer only)
const lines = readFileSync(patchFile, 'utf8').replace(/\n*$/, '\n').split('\n');
const nameLine = lines.findIndex((l) => /^\s*- name:/.test(l));
const indent = /^(\s*)-/.exec(lines[nameLine])[1] + '  ';
lines.splice(nameLine + 1, 0, `${indent}securityContext:`, `${indent}  privileged: false`);
const text = lines.join('\n');
const line = nameLine + 2, col = lines[line].indexOf('false');
const uri = pathToFileURL(patchFile).href;
const priv = (ds) => ds.some((d) => d.code === 'privileged-container');
let version = 1;
const t0 = now();
const opened = c.until(uri, version, () => true);
c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
await opened;
await new Promise((r) => setTimeout(r, 1500)); // the first builds of every root that reads the patch
const openMs = now() - t0;
const times = [], cpus = [];
// the server's CPU time (all its threads, from /proc: ns precision) between a keystroke and its diagnostics: a
// figure the other processes of a busy machine change far less than the wall time
const serverCpu = () => {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${c.proc.pid}/task`)) ns += Number(readFileSync(`/proc/${c.proc.pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch { return undefined; }
};
let on = false;
for (let i = 0; i < RUNS * 2; i++) {
  version++;
  const change = { range: { start: { line, character: col }, end: { line, character: col + (on ? 4 : 5) } }, text: on ? 'false' : 'true' };
  on = !on;
  const want = on;
  const got = c.until(uri, version, (ds) => priv(ds) === want);
  const t = now();
  const cpu0 = serverCpu();
  c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 20000));
  if (await Promise.race([got, timeout]) === 'timeout') { console.log(`  language server: no diagnostics showing the edit within 20 s (version ${version})`); break; }
  times.push(now() - t);
  const cpu1 = serverCpu();
  if (cpu0 !== undefined && cpu1 !== undefined) cpus.push(cpu1 - cpu0);
  await new Promise((r) => setTimeout(r, 300));
}
await c.request('shutdown', null); c.notify('exit', null);
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
if (times.length) console.log(`  language server: keystroke in ${patchFile.slice(base.length + 1)} to diagnostics on it (privileged-container appears / goes) median ${median(times).toFixed(0)} ms, p95 ${p95(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} edits (target 100 ms); open + first builds ${openMs.toFixed(0)} ms`);
if (cpus.length) console.log(`  language server CPU time per keystroke (server process, all threads): median ${median(cpus).toFixed(0)} ms, p95 ${p95(cpus).toFixed(0)} ms`);
console.log(`  ${load()}`);
