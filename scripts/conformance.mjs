// Scores kubehex against other linters' own labelled fixtures (../shared/conformance/<peer>/expectations.json),
// through each rule's declared `peers` ids. Run after `npm run build`. Prints, per peer: checks mapped, fail
// fixtures caught, pass fixtures left clean. `--verbose` lists every disagreement.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_CONFORMANCE ?? join(root, '..', 'shared', 'conformance');
if (!existsSync(join(root, 'out', 'rules', 'index.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const { runKustomizeConformance } = await import('./kustomize-conformance.mjs');
if (!existsSync(base)) {
  console.log(`conformance: skipped (${base} not found)`);
  runKustomizeConformance();
  process.exit(0);
}
const engine = require(join(root, 'out', 'engine', 'index.js'));
const { rules } = require(join(root, 'out', 'rules', 'index.js'));
const verbose = process.argv.includes('--verbose');

function lint(text, active) {
  // every rule a peer check maps to is run, whatever its profiles: that is the `all` profile, with its options
  const set = engine.makeRuleSet(active.map((rule) => ({ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}), ...(rule.meta.profileOptions?.all ?? {}) } })));
  const parsed = engine.parseManifest(text, { kinds: set.kinds, lazy: set.lazy });
  if (parsed.fatal) return { findings: [], error: parsed.fatal.message };
  const objects = parsed.docs.flatMap((pd) => ((pd.doc || pd.lazy) && !pd.errors.length ? engine.objectsOf(pd) : []));
  const findings = parsed.docs.flatMap((pd) => engine.lintDocument(parsed, pd, set, objects));
  return { findings };
}

const totals = { checks: 0, mapped: 0, fail: 0, caught: 0, pass: 0, clean: 0 };
const lines = [];
for (const peer of ['polaris', 'kube-linter', 'kube-score']) {
  const file = join(base, peer, 'expectations.json');
  if (!existsSync(file)) continue;
  const expectations = JSON.parse(readFileSync(file, 'utf8'));
  const checks = [...new Set(expectations.map((e) => e.check))];
  const mapped = checks.filter((c) => rules.some((r) => (r.meta.peers[peer] ?? []).includes(c)));
  let fail = 0, caught = 0, pass = 0, clean = 0;
  const misses = [];
  for (const e of expectations) {
    const active = rules.filter((r) => (r.meta.peers[peer] ?? []).includes(e.check));
    if (!active.length) continue;
    const text = readFileSync(join(base, peer, e.file), 'utf8');
    const { findings: all, error } = lint(text, active);
    // a peer check that matches only some of a rule's messages is scored on those messages
    const findings = all.filter((f) => {
      const rule = active.find((r) => r.meta.id === f.ruleId);
      const only = rule?.meta.peerMessages?.[peer]?.[e.check];
      return !only || only.includes(f.messageId);
    });
    const hit = findings.length > 0;
    if (e.expect === 'fail') { fail++; if (hit) caught++; else misses.push(`  missed   ${e.file} (${e.check}${error ? `; ${error}` : ''})`); }
    else { pass++; if (!hit) clean++; else misses.push(`  flagged  ${e.file} (${e.check}): ${[...new Set(findings.map((f) => f.ruleId))].join(', ')}`); }
  }
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  lines.push(`${peer.padEnd(12)} mapped checks ${mapped.length}/${checks.length} (${pct(mapped.length, checks.length)})  fail fixtures caught ${caught}/${fail} (${pct(caught, fail)})  pass fixtures clean ${clean}/${pass} (${pct(clean, pass)})`);
  if (verbose) {
    lines.push(...misses);
    const unmapped = checks.filter((c) => !mapped.includes(c));
    if (unmapped.length) lines.push(`  unmapped: ${unmapped.join(', ')}`);
  }
  Object.assign(totals, { checks: totals.checks + checks.length, mapped: totals.mapped + mapped.length, fail: totals.fail + fail, caught: totals.caught + caught, pass: totals.pass + pass, clean: totals.clean + clean });
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
console.log('conformance against peer fixtures (mapped checks only)');
for (const l of lines) console.log(l);
console.log(`${'all'.padEnd(12)} mapped checks ${totals.mapped}/${totals.checks} (${pct(totals.mapped, totals.checks)})  fail fixtures caught ${totals.caught}/${totals.fail} (${pct(totals.caught, totals.fail)})  pass fixtures clean ${totals.clean}/${totals.pass} (${pct(totals.clean, totals.pass)})`);
if (existsSync(join(root, 'scripts', 'pss-oracle.mjs'))) {
  try { execFileSync(process.execPath, [join(root, 'scripts', 'pss-oracle.mjs')], { stdio: 'inherit' }); } catch { /* reported by the oracle */ }
}
runKustomizeConformance();
