// Render + lint time of Helm charts in process (issue 9 item 8): ingress-nginx-default and the case of
// ../shared/helm with the largest expected output, each rendered with its case's flags through the registered
// Helm renderer and linted with the default rules (cross-object rules included), as `kubehex scan` does.
// Prints the median of several runs after warm-up, in wall-clock time and in the process's CPU time (user + system,
// all threads: what a loaded machine does not inflate). Skipped when ../shared/helm is absent. Run after `npm run build`.
// --keep: keep parsed templates and printed documents between the runs, as the language server does (each run
// after the first two then renders the same chart again, as after a keystroke that changed nothing it prints).
//   node scripts/bench-render.mjs [--runs N] [--keep] [CASE_ID...]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_HELM_CASES ?? join(root, '..', 'shared', 'helm');
if (!existsSync(join(base, 'cases.json'))) { console.log(`bench-render: skipped (${base} not found)`); process.exit(0); }

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const R = require(join(root, 'out', 'render', 'index.js'));
const { diskFs } = require(join(root, 'out', 'cli', 'disk-fs.js'));
const { ruleSetFor } = require(join(root, 'out', 'cli', 'scan.js'));
const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8'));
const rendered = cases.filter((c) => typeof c.expect === 'string');
const largest = rendered.reduce((a, c) => (statSync(join(base, c.expect)).size > statSync(join(base, a.expect)).size ? c : a));
const chosen = named.length ? cases.filter((c) => named.includes(c.id)) : [cases.find((c) => c.id === 'ingress-nginx-default'), largest];

if (args.includes('--keep')) R.keepHelmRenders(32 * 1024 * 1024);
const fs = diskFs();
const set = ruleSetFor({});
const helm = R.renderers.find((r) => r.kind === 'helm');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const c of chosen) {
  const options = { helm: { values: (c.values ?? []).map((v) => join(base, v)), set: Object.entries(c.set ?? {}).map(([k, v]) => `${k}=${v}`), releaseName: c.releaseName, namespace: c.namespace, kubeVersion: c.kubeVersion, apiVersions: c.apiVersions, includeCrds: c.includeCrds, skipTests: c.skipTests } };
  const chart = join(base, c.chart);
  const times = { render: [], lint: [], total: [], cpu: [] };
  let findings = 0, bytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const rs = R.renderSource(fs, chart, helm, options, set);
    const t1 = performance.now();
    const out = R.lintRendered(rs, set, rs.objects);
    const t2 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (out.errors.length) { console.log(`${c.id}: render error: ${out.errors[0].message.slice(0, 200)}`); break; }
    findings = out.findings.length; bytes = rs.result.text.length;
    if (i < 2) continue; // warm-up
    times.render.push(t1 - t0); times.lint.push(t2 - t1); times.total.push(t2 - t0); times.cpu.push((c1.user + c1.system) / 1000);
  }
  if (!times.total.length) continue;
  console.log(`${c.id}: render+lint ${median(times.total).toFixed(0)} ms (render incl. parse ${median(times.render).toFixed(0)} ms, lint + map back ${median(times.lint).toFixed(0)} ms; CPU ${median(times.cpu).toFixed(0)} ms), ${(bytes / 1024).toFixed(0)} KiB rendered, ${findings} findings; median of ${times.total.length}${args.includes('--keep') ? ', parses kept between runs' : ''}`);
}
