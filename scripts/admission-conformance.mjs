// Scores kubehex's admission-policy evaluation against ../shared/admission (Kyverno, Gatekeeper CEL, VAP cases
// with resources their own projects' tests deny or admit). Run after `npm run build`. Prints agreement per
// engine; `--verbose` lists every disagreement and every resource we could not evaluate.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_ADMISSION ?? join(root, '..', 'shared', 'admission');
if (!existsSync(join(base, 'cases.json'))) {
  console.log(`admission conformance: skipped (${base} not found)`);
  process.exit(0);
}
if (!existsSync(join(root, 'out', 'policies', 'index.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const engine = require(join(root, 'out', 'engine', 'index.js'));
const pol = require(join(root, 'out', 'policies', 'index.js'));
const podSecurity = pol.podSecurityCheck(require(join(root, 'out', 'rules', 'index.js')).rules);
const verbose = process.argv.includes('--verbose');
const only = process.argv.find((a) => a.startsWith('--case='))?.slice(7);

function objectsIn(file) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  const parsed = engine.parseManifest(text, {});
  if (parsed.fatal) return [];
  return parsed.docs.map((pd) => ((pd.doc || pd.lazy) && !pd.errors.length ? engine.objectsOf(pd) : []));
}

function resourceObject(dir, r) {
  const docs = objectsIn(join(dir, r.path));
  let objs = docs[r.doc_index ?? 0] ?? [];
  if (r.item_index !== undefined) objs = objs.filter((o) => o.path[1] === r.item_index);
  let o = objs[0];
  if (!o && r.doc_index === undefined) o = docs.flat().find((x) => x.kind === r.kind && x.name === r.name);
  if (!o) return undefined;
  if (o.kind === 'AdmissionReview') {
    const req = o.value.request ?? {};
    const v = req.object ?? req.oldObject;
    if (!v) return undefined;
    const md = v.metadata ?? {};
    return { obj: { apiVersion: v.apiVersion, kind: v.kind, name: md.name ?? '', namespace: md.namespace ?? req.namespace, value: v, metadata: md, path: [] }, operation: req.operation };
  }
  return { obj: o };
}

/** Kyverno test files name the policy (and rule) behind each result; the case data may not. */
function testResults(dir, c) {
  if (!c.test) return [];
  const objs = objectsIn(join(dir, c.test)).flat();
  const t = objs.find((o) => o.kind === 'Test')?.value ?? (() => { try { return engine.parseManifest(readFileSync(join(dir, c.test), 'utf8'), {}).docs[0]?.value; } catch { return undefined; } })();
  return Array.isArray(t?.results) ? t.results : [];
}
const VERDICT = { fail: 'deny', pass: 'admit', skip: 'skip' };
function policiesFor(results, r) {
  const names = new Set();
  for (const x of results) {
    const res = Array.isArray(x.resources) ? x.resources : x.resource ? [x.resource] : [];
    if (!res.some((n) => n === r.name || String(n).endsWith(`/${r.name}`))) continue;
    if (x.kind && x.kind !== r.kind) continue;
    if (VERDICT[x.result] !== r.expect) continue;
    if (x.policy) names.add(x.policy);
  }
  return names;
}

const stats = {};
const disagreements = [];
const notEvaluated = [];
const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8'));
for (const c of cases) {
  if (only && c.id !== only) continue;
  const dir = join(base, 'cases', c.id);
  const files = [...new Set([...c.policies, ...c.bindings, ...c.constraints, ...c.params, ...(c.namespaces ?? [])])];
  const policyObjs = files.flatMap((f) => objectsIn(join(dir, f)).flat());
  // the Kyverno CLI's stand-ins for the cluster (variables, lookups, the user, Namespaces), as its tests give them
  const standIns = [...(c.values ?? []), ...(c.context ?? []), ...(c.userinfo ?? [])].flatMap((f) => {
    try { return engine.parseManifest(readFileSync(join(dir, f), 'utf8'), {}).docs.map((d, i) => ({ value: d.value, where: `${f}#${i}` })); } catch { return []; }
  });
  const external = standIns.length ? pol.readExternal(standIns).external : undefined;
  const { units, notes } = pol.loadPolicies(policyObjs, { unbound: 'evaluate', podSecurity, external });
  const s = (stats[c.engine] ??= { cases: 0, verdicts: 0, agree: 0, deny: 0, denyOk: 0, admit: 0, admitOk: 0, skip: 0, skipOk: 0, notEval: 0 });
  s.cases++;
  const resources = c.resources.map((r) => ({ r, x: resourceObject(dir, r) }));
  const all = [...policyObjs, ...resources.flatMap(({ x }) => (x ? [x.obj] : []))];
  const results = c.engine === 'kyverno' ? testResults(dir, c) : [];
  for (const { r, x } of resources) {
    const label = `${c.id}: ${r.kind} ${r.name} (${r.path}#${r.doc_index ?? 0})${r.rule ? ` rule ${r.rule}` : ''}`;
    if (!x) { notEvaluated.push(`${label}: resource not found`); s.notEval++; continue; }
    const env = { ...pol.makeEnv(all, external), operation: x.operation === 'UPDATE' ? 'UPDATE' : undefined };
    let mine = units;
    const named = r.policy ? new Set([r.policy]) : policiesFor(results, r);
    if (named.size) mine = mine.filter((u) => [...named].some((p) => u.source.name === p || u.id.includes(`:${p}`) || u.id.endsWith(`/${p}`)));
    if (r.rule) mine = mine.filter((u) => u.id.endsWith(`/${r.rule.replace(/^autogen-(cronjob-)?/, '')}`) || u.engine !== 'kyverno' || !u.id.includes('/'));
    const outcomes = mine.map((u) => pol.evaluateUnit(u, x.obj, env));
    const denied = outcomes.some((res) => res.violations.length > 0);
    const unknown = outcomes.find((res) => res.unknown || res.unknownNamespace);
    let got = denied ? 'deny' : unknown ? 'not-evaluated' : 'admit';
    if (!mine.length) got = notes.length ? 'not-evaluated' : 'admit';
    s.verdicts++;
    if (r.expect === 'skip') { s.skip++; if (got !== 'deny') s.skipOk++; continue; }
    s[r.expect]++;
    if (got === 'not-evaluated') {
      s.notEval++;
      notEvaluated.push(`${label}: expected ${r.expect}: ${unknown?.unknown ?? (unknown?.unknownNamespace ? `namespace ${unknown.unknownNamespace} unknown` : notes.map((n) => n.message).join('; '))}`);
      continue;
    }
    if (got === r.expect) { s.agree++; s[`${r.expect}Ok`]++; continue; }
    const why = denied ? outcomes.flatMap((res) => res.violations.map((v) => v.message)).slice(0, 2).join(' | ') : 'no violation';
    disagreements.push(`${label}: expected ${r.expect}, got ${got}: ${why}`);
  }
}

let tv = 0, ta = 0;
for (const [eng, s] of Object.entries(stats)) {
  const scored = s.deny + s.admit;
  tv += scored; ta += s.agree;
  console.log(`${eng.padEnd(15)} ${s.cases} cases, ${scored} deny/admit verdicts: agree ${s.agree}/${scored} (${(100 * s.agree / Math.max(1, scored)).toFixed(1)}%); deny ${s.denyOk}/${s.deny}, admit ${s.admitOk}/${s.admit}, not evaluated ${s.notEval}; skip verdicts left clean ${s.skipOk}/${s.skip}`);
}
console.log(`${'all'.padEnd(15)} agree ${ta}/${tv} (${(100 * ta / Math.max(1, tv)).toFixed(1)}%), disagreements ${disagreements.length}, not evaluated ${notEvaluated.length}`);
if (verbose) {
  console.log('\nDisagreements:');
  for (const d of disagreements) console.log(`  ${d}`);
  console.log('\nNot evaluated:');
  for (const d of notEvaluated) console.log(`  ${d}`);
}
