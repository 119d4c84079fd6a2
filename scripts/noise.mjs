// Noise figure: findings per workload on the real-world corpus (../shared/corpus/real) with a profile (default:
// the default profile, `recommended`). Each source folder is scanned as its own project, as a new user would
// scan it (`kubehex scan <folder> --format json`). A workload is a pod-spec carrier (Deployment, Pod, CronJob, …)
// in a scanned file. Built-in rule findings are counted; findings of admission policies that the corpus itself
// ships (kyverno-policies) are listed apart, since they are the project's own policy, not kubehex's defaults.
// Run after `npm run build`. Usage: node scripts/noise.mjs [--profile NAME] [--by-rule] [--corpus DIR]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const base = arg('--corpus') ?? process.env.KUBEHEX_CORPUS ?? join(root, '..', 'shared', 'corpus', 'real');
const profile = arg('--profile') ?? 'recommended';
if (!existsSync(base)) {
  console.log(`noise: skipped (${base} not found)`);
  process.exit(0);
}
if (!existsSync(join(root, 'out', 'engine', 'index.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const engine = require(join(root, 'out', 'engine', 'index.js'));
const workloadKinds = new Set(engine.POD_SPEC_KINDS);

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yield* files(p);
    else if (['.yaml', '.yml', '.json'].includes(extname(name).toLowerCase())) yield p;
  }
}

function workloadsIn(file) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch { return 0; }
  const parsed = engine.parseManifest(text, { kinds: workloadKinds });
  if (parsed.fatal) return 0;
  let n = 0;
  for (const pd of parsed.docs) {
    if ((!pd.doc && !pd.lazy) || pd.errors.length) continue;
    for (const o of engine.objectsOf(pd)) if (workloadKinds.has(o.kind)) n++;
  }
  return n;
}

const byRule = new Map();
let findings = 0, policyFindings = 0, workloads = 0;
const rows = [];
for (const project of readdirSync(base).sort()) {
  const dir = join(base, project);
  if (!statSync(dir).isDirectory()) continue;
  let w = 0;
  const scanned = new Set();
  const out = execFileSync(process.execPath, [join(root, 'bin', 'kubehex.js'), 'scan', dir, '--format', 'json', '--profile', profile, '--fail-on', 'none', '--no-color'],
    { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const report = JSON.parse(out);
  const skipped = new Set((report.skipped ?? []).map((s) => s.file));
  for (const f of files(dir)) if (!skipped.has(f)) { scanned.add(f); w += workloadsIn(f); }
  let n = 0, p = 0;
  for (const f of report.findings) {
    if (engine.isPolicyRuleId(f.ruleId) || f.ruleId === 'policy-not-evaluated') { p++; continue; }
    n++;
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  }
  rows.push({ project, workloads: w, findings: n, policy: p });
  findings += n; policyFindings += p; workloads += w;
}

const ratio = (a, b) => (b ? (a / b).toFixed(2) : 'n/a');
console.log(`noise (profile ${profile}, built-in rules; ${base})`);
for (const r of rows) console.log(`  ${r.project.padEnd(24)} workloads ${String(r.workloads).padStart(5)}  findings ${String(r.findings).padStart(6)}  per workload ${ratio(r.findings, r.workloads).padStart(6)}${r.policy ? `  (+${r.policy} from the project's own admission policies)` : ''}`);
if (process.argv.includes('--by-rule')) {
  console.log('by rule:');
  for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${id}`);
}
console.log(`all: ${findings} findings on ${workloads} workloads = ${ratio(findings, workloads)} findings per workload` +
  (policyFindings ? ` (${policyFindings} more from the corpus's own admission policies, not counted)` : ''));
