// PSS oracle: lints the Pod Security Admission test fixtures with the pss-baseline and pss-restricted
// profiles and compares each verdict with the API server's (a `fail` fixture must get at least one
// error or warning, a `pass` fixture none). Needs `npm run build` first (reads out/).
//
//   node scripts/pss-oracle.mjs [--dir FIXTURES] [--version v1.37] [--carriers] [--json]
//
// --carriers also wraps every Pod fixture in a Deployment and a CronJob (pod template metadata and spec)
// and expects the same verdict, which checks that the rules read pod templates as they read Pods.
//
// FIXTURES defaults to $KUBEHEX_PSA_FIXTURES or ../shared/corpus/real/pod-security-admission/test/testdata
// (next to the repository, or two levels up for a worktree). Prints "skipped" and exits 0 when the folder does not exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const rel = ['shared', 'corpus', 'real', 'pod-security-admission', 'test', 'testdata'];
// The repository sits next to shared/ (or, for a worktree under wt/, one level deeper).
const defaultDir = [join(root, '..', ...rel), join(root, '..', '..', ...rel)].find((d) => existsSync(d)) ?? join(root, '..', ...rel);
const dir = resolve(opt('--dir', process.env.KUBEHEX_PSA_FIXTURES ?? defaultDir));
const version = opt('--version', 'v1.37');
const asJson = args.includes('--json');
const carriers = args.includes('--carriers');

if (!existsSync(dir)) {
  console.log(`pss-oracle: skipped (no fixtures at ${dir})`);
  process.exit(0);
}
if (!existsSync(join(root, 'out', 'engine', 'index.js')) || !existsSync(join(root, 'out', 'rules', 'index.js'))) {
  console.error('pss-oracle: out/ is missing; run `npm run build` first');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const engine = require(join(root, 'out', 'engine', 'index.js'));
const { rules } = require(join(root, 'out', 'rules', 'index.js'));
const YAML = require('yaml');
// PSA check id (lower case, as in the fixture names) -> the rules that map it in meta.peers.pss.
const rulesForCheck = new Map();
for (const r of rules) for (const id of r.meta.peers?.pss ?? []) {
  const k = id.toLowerCase();
  rulesForCheck.set(k, [...(rulesForCheck.get(k) ?? []), r.meta.id]);
}
// A restricted check also rejects what its baseline counterpart rejects (Unconfined seccomp, hostPath, …),
// and kubehex reports that part once, with the baseline rule.
const INCLUDES = {
  seccompprofile_restricted: ['seccompprofile_baseline'],
  capabilities_restricted: ['capabilities_baseline'],
  procmount_restricted: ['procmount'],
  restrictedvolumes: ['hostpathvolumes'],
};
const ownersOf = (check) => [check, ...(INCLUDES[check] ?? [])].flatMap((c) => rulesForCheck.get(c) ?? []);

/** The fixture itself, and with --carriers the same pod as a Deployment's and a CronJob's template. */
function variants(text) {
  const out = [{ carrier: 'Pod', text }];
  if (!carriers) return out;
  const pod = YAML.parse(text);
  const template = { metadata: { ...(pod.metadata ?? {}), name: undefined }, spec: pod.spec };
  if (template.metadata.name === undefined) delete template.metadata.name;
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: pod.metadata?.name ?? 'x' }, spec: { selector: { matchLabels: { app: 'x' } }, template } };
  const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: pod.metadata?.name ?? 'x' }, spec: { schedule: '@daily', jobTemplate: { spec: { template } } } };
  out.push({ carrier: 'Deployment', text: YAML.stringify(deployment) }, { carrier: 'CronJob', text: YAML.stringify(cronJob) });
  return out;
}

const report = {};
let totalFixtures = 0;
let totalAgreed = 0;
for (const level of ['baseline', 'restricted']) {
  const profile = `pss-${level}`;
  const set = engine.resolveRules(rules, { profile, peerAnnotations: false });
  const res = { profile, fixtures: 0, agreed: 0, disagreed: [], failFixtures: 0, attributed: 0, unattributed: [] };
  for (const expected of ['pass', 'fail']) {
    const d = join(dir, level, version, expected);
    if (!existsSync(d)) continue;
    for (const file of readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      for (const { carrier, text } of variants(readFileSync(join(d, file), 'utf8'))) {
        const out = engine.lintText(text, set);
        const findings = out.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        const verdict = out.errors.length ? 'error' : findings.length ? 'fail' : 'pass';
        res.fixtures++;
        if (expected === 'fail') {
          // Is the failure found by a rule that maps the PSA check the fixture is about?
          const check = file.replace(/\d*\.ya?ml$/, '');
          const owners = ownersOf(check);
          res.failFixtures++;
          if (findings.some((f) => owners.includes(f.ruleId))) res.attributed++;
          else res.unattributed.push(`${level}/${version}/${expected}/${file}${carrier === 'Pod' ? '' : ` as ${carrier}`} (check ${check}: ${owners.join(', ') || 'no rule maps it'})`);
        }
        if (verdict === expected) res.agreed++;
        else {
          res.disagreed.push({
            fixture: `${level}/${version}/${expected}/${file}${carrier === 'Pod' ? '' : ` as ${carrier}`}`,
            expected,
            got: verdict,
            findings: findings.map((f) => `${f.ruleId} (${f.severity}) ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
            parseErrors: out.errors.map((e) => e.message),
          });
        }
      }
    }
  }
  totalFixtures += res.fixtures;
  totalAgreed += res.agreed;
  report[level] = res;
}

if (asJson) {
  console.log(JSON.stringify({ version, dir, total: { fixtures: totalFixtures, agreed: totalAgreed }, levels: report }, null, 2));
} else {
  for (const [level, r] of Object.entries(report)) {
    console.log(`${level} (${r.profile}, ${version}): fixtures ${r.fixtures}, agreed ${r.agreed}, disagreed ${r.disagreed.length}; fail fixtures found by the rule of their PSA check ${r.attributed}/${r.failFixtures}`);
    for (const d of r.disagreed) {
      console.log(`  ${d.fixture}: API server says ${d.expected}, kubehex says ${d.got}`);
      for (const f of d.findings) console.log(`    - ${f}`);
      for (const e of d.parseErrors) console.log(`    ! ${e}`);
    }
    for (const u of r.unattributed) console.log(`  not found by its control's rule: ${u}`);
  }
  console.log(`pss-oracle: ${totalAgreed}/${totalFixtures} ${carriers ? 'fixture variants' : 'fixtures'} agree with Pod Security Admission`);
}
process.exitCode = totalAgreed === totalFixtures ? 0 : 1;
