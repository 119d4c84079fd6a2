// Language-server latency and memory, over stdio against dist/server.js (run `npm run build` first).
// Prints one line per figure. Optional argument: a large multi-document bundle (default: the
// prometheus-operator bundle of the shared corpus, skipped when absent).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from './bench-lsp-client.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// KUBEHEX_BENCH_LSP_SERVER: another build's dist/server.js (A/B runs of this very script)
const server = process.env.KUBEHEX_BENCH_LSP_SERVER ?? join(root, 'dist', 'server.js');
const bundlePath = process.argv[2] ?? '/work/shared/corpus/real/prometheus-operator/bundle.yaml';
if (!existsSync(server)) { console.error('bench-lsp: dist/server.js missing; run npm run build'); process.exit(2); }


const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => x.toFixed(1);
/** Nearest-rank 95th percentile. */
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
const stats = (xs) => `median ${fmt(median(xs))} ms, p95 ${fmt(p95(xs))} ms over ${xs.length} edits${xs.cpu !== undefined ? `, server CPU ${fmt(xs.cpu)} ms/edit` : ''}`;
/** Where the slow edits are (a fresh server's first ones run V8's unoptimised code): medians by position. */
const byIndex = (xs) => `by position: edit 1 ${fmt(xs[0])} ms, 2-20 ${fmt(median(xs.slice(1, 20)))}, 21-40 ${fmt(median(xs.slice(20, 40)))}, 41-60 ${fmt(median(xs.slice(40, 60)))}`;
/**
 * CPU time (user + system, all threads) a process has used, in ms, from /proc (undefined elsewhere). On a shared
 * machine the wall-clock figures carry the other processes' load; the server's own CPU per edit does not.
 */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks of 10 ms (USER_HZ 100)
  } catch { return undefined; }
}
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function manifest300() {
  const docs = [];
  let n = 0;
  while (docs.join('---\n').split('\n').length < 300) {
    n++;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${n}
  namespace: shop
  labels: {app: svc-${n}, tier: backend}
spec:
  replicas: 3
  selector:
    matchLabels: {app: svc-${n}}
  template:
    metadata:
      labels: {app: svc-${n}}
    spec:
      serviceAccountName: svc-${n}
      containers:
        - name: app
          image: registry.example.com/shop/svc-${n}:1.${n}.0
          ports:
            - containerPort: 8080
          env:
            - {name: LOG_LEVEL, value: info}
            - {name: PORT, value: "8080"}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          securityContext:
            privileged: false
            allowPrivilegeEscalation: false
`);
  }
  return docs.join('---\n');
}

/** Line of the first `privileged: false` value, for toggling. */
function toggleLine(text) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^\s+privileged: false$/.test(l));
  return { line: i, col: lines[i].indexOf('false') };
}

/**
 * Edit-to-diagnostics latencies of `rounds` edits right after the open, or, with `pause`, after that many ms of
 * quiet after the open (a user reading the file before typing: the server warms itself up then, see
 * server/warm-up.ts); `times.warm` is then how far the warm-up got in the pause.
 */
async function editLatency(text, label, { pull, rounds, line, col, pause = 0 }) {
  const c = new BenchClient(server, { maxFileSize: 64 * 1024 * 1024 });
  await c.init(pull);
  const uri = pathToFileURL(`/bench/${label}.yaml`).href;
  let version = 1;
  const opened = pull ? null : c.waitDiagnostics(uri, 1);
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  if (pull) await c.request('textDocument/diagnostic', { textDocument: { uri } }); else await opened;
  let warm;
  if (pause) {
    await new Promise((r) => setTimeout(r, pause));
    warm = await c.request('kubehex/warmUpStats', null).catch(() => undefined);
  }
  const times = [];
  let priv = false;
  const cpu0 = cpuMs(c.proc.pid);
  for (let i = 0; i < rounds; i++) {
    version++;
    const next = !priv;
    const change = { range: { start: { line, character: col }, end: { line, character: col + (priv ? 4 : 5) } }, text: next ? 'true' : 'false' };
    priv = next;
    const t0 = now();
    if (pull) {
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await c.request('textDocument/diagnostic', { textDocument: { uri } });
    } else {
      const p = c.waitDiagnostics(uri, version);
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await p;
    }
    times.push(now() - t0);
  }
  const cpu1 = cpuMs(c.proc.pid);
  if (cpu0 !== undefined && cpu1 !== undefined) times.cpu = (cpu1 - cpu0) / rounds;
  if (pause) times.warm = warm ? `warm-up ${warm.edits}/${warm.total} edits done in the pause` : 'no warm-up';
  await c.stop();
  return times;
}

async function openLatency(text, label) {
  const c = new BenchClient(server, { maxFileSize: 64 * 1024 * 1024 });
  await c.init(true);
  const uri = pathToFileURL(`/bench/${label}.yaml`).href;
  const t0 = now();
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
  const ms = now() - t0;
  const rss = c.rssMb();
  await c.stop();
  return { ms, rss, diagnostics: r.items.length };
}

/** A bare `yaml.parseAllDocuments` of the file in a fresh process (cold, like the server's first open). */
function bareParse(path) {
  const code = `const y=require(${JSON.stringify(join(root, 'node_modules', 'yaml'))});const t=require('fs').readFileSync(${JSON.stringify(path)},'utf8');const a=process.hrtime.bigint();y.parseAllDocuments(t);console.log(Number(process.hrtime.bigint()-a)/1e6)`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', code]).toString().trim()));
  return median(runs);
}

// KUBEHEX_BENCH_LSP_ONLY=chart: only the chart keystroke figure (below)
const onlyChart = process.env.KUBEHEX_BENCH_LSP_ONLY === 'chart';
const small = manifest300();
const sl = toggleLine(small);
for (const pull of onlyChart ? [] : [true, false]) {
  const t = await editLatency(small, pull ? 'small' : 'small-push', { pull, rounds: 60, ...sl });
  console.log(`lsp edit->diagnostics, 300-line manifest, ${pull ? 'pull' : 'push'}: ${stats(t)} (${pull ? 'target <= 10' : 'includes the adaptive debounce'}; ${byIndex(t)}; load ${load()})`);
}
// the same edits after a 2 s pause after the open (the figures above are the cold ones: edits right after the open)
const PAUSE_MS = 2000;
for (const pull of onlyChart ? [] : [true, false]) {
  const t = await editLatency(small, pull ? 'small-pause' : 'small-push-pause', { pull, rounds: 60, ...sl, pause: PAUSE_MS });
  console.log(`lsp edit->diagnostics, 300-line manifest, ${pull ? 'pull' : 'push'}, after a ${PAUSE_MS / 1000} s pause after the open: ${stats(t)} (${t.warm}; ${byIndex(t)}; load ${load()})`);
}

if (onlyChart) { /* skipped */ } else if (existsSync(bundlePath)) {
  const text = readFileSync(bundlePath, 'utf8');
  const lines = text.split('\n');
  // a value inside the bundle's Deployment (or the middle of the file) to toggle
  let at = lines.findIndex((l) => /^\s+readOnlyRootFilesystem: (true|false)$/.test(l));
  let edit;
  if (at >= 0) {
    const m = /^(\s+readOnlyRootFilesystem: )/.exec(lines[at]);
    const isTrue = lines[at].endsWith('true');
    const base = text.split('\n'); base[at] = m[1] + 'false';
    edit = { text: base.join('\n'), line: at, col: m[1].length };
    if (isTrue) { /* normalised to false above so the toggle starts from false */ }
  } else {
    at = Math.floor(lines.length / 2);
    const base = [...lines]; base.splice(at, 0, '# bench toggle: false'); edit = { text: base.join('\n'), line: at, col: '# bench toggle: '.length };
  }
  const tr = edit.text.split('\n')[edit.line];
  const privLine = { line: edit.line, col: tr.lastIndexOf('false') };
  const name = bundlePath.split('/').slice(-2).join('/');
  const docs = edit.text.split(/^---(?=[ \t\r\n]|$)/m).length;
  console.log(`lsp edit->diagnostics, ${name} (${(text.length / 1048576).toFixed(1)} MB, ${docs} chunks), pull: ${stats(await editLatency(edit.text, 'bundle', { pull: true, rounds: 30, ...privLine }))} (target <= 30; load ${load()})`);
  if (!process.env.KUBEHEX_BENCH_LSP_NO_BUNDLE_PUSH) console.log(`lsp edit->diagnostics, ${name}, push: ${stats(await editLatency(edit.text, 'bundle-push', { pull: false, rounds: 30, ...privLine }))} (includes the adaptive debounce; load ${load()})`);
  const open = await openLatency(edit.text, 'bundle-open');
  const bare = bareParse(bundlePath);
  console.log(`lsp open->diagnostics, ${name}: ${fmt(open.ms)} ms vs bare yaml.parseAllDocuments ${fmt(bare)} ms = ${(open.ms / bare).toFixed(2)}x (target <= 1.5x)`);
  console.log(`lsp server RSS after opening ${name}: ${fmt(open.rss)} MB (target < 250)`);
} else {
  console.log(`lsp bundle figures skipped: ${bundlePath} not found`);
}

/**
 * Keystroke in a chart's values.yaml -> diagnostics in its templates (issue 9): values.yaml and one template are
 * open; each keystroke adds or removes an `x` at the end of `controller.image.image` (ingress-nginx/controller ->
 * ingress-nginx/controllerx), which removes or brings back the template's ingress-nginx-retired finding (the image
 * is assembled in the template, so the finding is shown there) while the render keeps its size. Timed from the
 * didChange to the template's publishDiagnostics (push mode, the server's render debounce included).
 * (It toggled namespaceOverride before; the `default` namespace Helm prints without --namespace is no longer a
 * finding, see render/helm/README.md.)
 */
async function valuesKeystroke(chartDir, template, rounds) {
  const c = new BenchClient(server, { maxFileSize: 64 * 1024 * 1024 });
  await c.request('initialize', { processId: process.pid, rootUri: pathToFileURL(chartDir).href, workspaceFolders: [{ uri: pathToFileURL(chartDir).href, name: 'chart' }], capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  c.notify('initialized', {});
  const valuesPath = join(chartDir, 'values.yaml');
  const values = readFileSync(valuesPath, 'utf8');
  const KEY = '    image: ingress-nginx/controller';
  const line = values.split('\n').findIndex((l) => l === KEY);
  if (line < 0) throw new Error(`bench-lsp: no \`${KEY.trim()}\` line in values.yaml`);
  const vu = pathToFileURL(valuesPath).href;
  const tu = pathToFileURL(join(chartDir, template)).href;
  const first = c.waitDiagnostics(tu, 1);
  c.notify('textDocument/didOpen', { textDocument: { uri: vu, languageId: 'yaml', version: 1, text: values } });
  c.notify('textDocument/didOpen', { textDocument: { uri: tu, languageId: 'yaml', version: 1, text: readFileSync(join(chartDir, template), 'utf8') } });
  const initial = await first;
  const has = (ds) => ds.some((d) => d.code === 'ingress-nginx-retired');
  if (!has(initial)) throw new Error(`bench-lsp: ${template} has no ingress-nginx-retired finding to toggle`);
  const col = KEY.length;
  const times = [];
  let version = 1;
  let set = false;
  for (let i = 0; i < rounds; i++) {
    version++;
    const change = set ? { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' } : { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' };
    set = !set;
    const want = !set;
    const got = new Promise((res) => {
      const l = (m) => { if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === tu && has(m.params.diagnostics) === want) { c.listeners = c.listeners.filter((x) => x !== l); res(); } };
      c.listeners.push(l);
    });
    const t0 = now();
    c.notify('textDocument/didChange', { textDocument: { uri: vu, version }, contentChanges: [change] });
    await got;
    times.push(now() - t0);
  }
  await c.stop();
  return times;
}

const chartDir = process.env.KUBEHEX_BENCH_CHART ?? join(root, '..', 'shared', 'helm', 'charts', 'ingress-nginx');
if (existsSync(join(chartDir, 'Chart.yaml'))) {
  // the first keystroke after opening is the cold one (code not yet optimised, first re-render): shown on its own, and
  // in the median and p95 of all keystrokes
  const times = await valuesKeystroke(chartDir, 'templates/controller-deployment.yaml', 40);
  console.log(`lsp keystroke in values.yaml -> diagnostics in the templates, ${chartDir.split('/').pop()}, push: median ${fmt(median(times))} ms, p95 ${fmt(p95(times))} ms, min ${fmt(Math.min(...times))} ms over ${times.length} keystrokes; the first one ${fmt(times[0])} ms (target <= 150; load ${load()})`);
} else {
  console.log(`lsp chart keystroke figure skipped: ${chartDir} not found`);
}
