// Renders every case of ../shared/helm (17 public charts, 53 cases, Helm 3.12.3's own output; see its README)
// through `kubehex render`'s code path (cli/render.js cmdRender: flags parsed as on the command line, the disk
// file system, the registered renderers) and compares with Helm:
// - a rendered case: exit 0, documents split on `---`, compared as objects (YAML parsed) and byte for byte;
//   documents whose `# Source:` path the case marks `nondeterministic` (randAlphaNum, genCA, now) are skipped;
// - an error case: exit 1, nothing on stdout, stderr exactly `PLACE: MESSAGE\n` where MESSAGE is Helm's text
//   after `Error: ` without the CLI's "\n\nUse --debug flag to render out invalid YAML" advice (kubehex has no
//   --debug flag; the renderer's contract is Helm's message without it, render/helm/README.md), and PLACE is
//   `FILE:LINE:COL` for a failing action (the file and position Helm's message names, below the case's chart
//   folder) or `FILE` where only the file is known (values.schema.json, Chart.yaml, the chart folder).
// Run after `npm run build`. Prints "skipped" and exits 0 when ../shared/helm is absent.
//   node scripts/helm-conformance.mjs [--verbose] [case-id...]
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const base = process.env.KUBEHEX_HELM_CASES ?? join(root, '..', 'shared', 'helm');
const DEBUG_ADVICE = '\n\nUse --debug flag to render out invalid YAML';

/** The case's flags, written as on the command line (paths relative to the cases folder, the working directory). */
export function caseArgs(c) {
  const a = [c.chart];
  for (const v of c.values ?? []) a.push('--values', v);
  for (const [k, v] of Object.entries(c.set ?? {})) a.push('--set', `${k}=${v}`);
  if (c.releaseName !== undefined) a.push('--release-name', c.releaseName);
  if (c.namespace !== undefined) a.push('--namespace', c.namespace);
  if (c.kubeVersion !== undefined) a.push('--kube-version', c.kubeVersion);
  for (const v of c.apiVersions ?? []) a.push('--api-versions', v);
  if (c.includeCrds) a.push('--include-crds');
  if (c.skipTests) a.push('--skip-tests');
  if (c.isUpgrade) a.push('--is-upgrade');
  return a;
}

/** Documents by `# Source:` path (a repeated path gets `#2`, `#3`, ...), in order. */
function documents(text) {
  const out = new Map();
  for (const d of text.split(/^---\n/m)) {
    const m = /^# Source: (.*)$/m.exec(d);
    if (!m) continue;
    let key = m[1];
    for (let i = 2; out.has(key); i++) key = `${m[1]}#${i}`;
    out.set(key, d);
  }
  return out;
}

/** Where `kubehex render` must say the error is, from Helm's message (undefined: any single-file place). */
function expectedPlace(c, message) {
  const inChart = (p) => join(c.chart, p.split('/').slice(1).join('/'));
  const at = /^(?:execution error at \(|template: )([^:()\s]+):(\d+):(\d+)/.exec(message);
  // Helm's column is Go's 0-based byte column; the place prefix is 1-based, as editors read FILE:LINE:COL
  if (at) return `${inChart(at[1])}:${at[2]}:${Number(at[3]) + 1}`;
  // the kubeVersion line when it is found, else the file
  if (message.startsWith('chart requires kubeVersion')) return new RegExp(`^${join(c.chart, 'Chart.yaml').replace(/[.]/g, '\\.')}(:\\d+:1)?$`);
  if (message.startsWith("values don't meet the specifications")) return join(c.chart, 'values.schema.json');
  if (message.startsWith('release name')) return c.chart;
  const yaml = /^YAML parse error on ([^:\s]+):/.exec(message);
  if (yaml) return inChart(yaml[1]);
  return undefined;
}

export function runHelmConformance(only = [], verbose = false) {
  if (!existsSync(join(base, 'cases.json'))) { console.log(`helm conformance: skipped (${base} not found)`); return true; }
  if (!existsSync(join(root, 'out', 'cli', 'render.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const { cmdRender } = require(join(root, 'out', 'cli', 'render.js'));
  const YAML = require('yaml');
  const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).filter((c) => !only.length || only.includes(c.id));
  const t = { cases: 0, ok: 0, docs: 0, same: 0, bytes: 0, skippedDocs: 0, errorCases: 0, errorsOk: 0, wholeBytes: 0 };
  const lines = [];
  for (const c of cases) {
    t.cases++;
    let out = '';
    let err = '';
    const t0 = Date.now();
    let code;
    try {
      code = cmdRender(caseArgs(c), { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: base });
    } catch (e) {
      lines.push(`FAIL ${c.id}: threw ${(e && e.stack) || e}`.split('\n').slice(0, 3).join(' | '));
      continue;
    }
    const ms = Date.now() - t0;
    if (typeof c.expect === 'object') {
      t.errorCases++;
      const message = c.expect.error.endsWith(DEBUG_ADVICE) ? c.expect.error.slice(0, -DEBUG_ADVICE.length) : c.expect.error;
      const place = expectedPlace(c, message);
      const want = typeof place === 'string' ? `${place}: ${message}\n` : undefined;
      const okMessage = err.endsWith(`: ${message}\n`) && !err.slice(0, err.length - message.length - 3).includes('\n');
      const placeOk = place instanceof RegExp ? place.test(err.slice(0, err.length - message.length - 3)) : true;
      const ok = code === 1 && out === '' && (want !== undefined ? err === want : okMessage && placeOk);
      if (ok) { t.errorsOk++; t.ok++; }
      lines.push(`${ok ? 'ok  ' : 'FAIL'} ${c.id}: error, exit ${code}${ok ? '' : `\n       want: ${JSON.stringify(want ?? `…: ${message}\n`).slice(0, 400)}\n       got:  ${JSON.stringify(err).slice(0, 400)}`} (${ms} ms)`);
      continue;
    }
    if (code !== 0) {
      lines.push(`FAIL ${c.id}: exit ${code}: ${err.slice(0, 400)}`);
      t.docs += documents(readFileSync(join(base, c.expect), 'utf8')).size;
      continue;
    }
    const wantText = readFileSync(join(base, c.expect), 'utf8');
    const want = documents(wantText);
    const got = documents(out);
    const nondet = new Set(c.nondeterministic ?? []);
    let n = 0, same = 0, bytes = 0;
    const diffs = [];
    for (const [k, w] of want) {
      if (nondet.has(k.replace(/#\d+$/, ''))) { t.skippedDocs++; continue; }
      n++;
      const g = got.get(k);
      if (g === w) { bytes++; same++; continue; }
      let equal = false;
      try { equal = g !== undefined && JSON.stringify(YAML.parse(g)) === JSON.stringify(YAML.parse(w)); } catch { equal = false; }
      if (equal) same++; else diffs.push(k);
    }
    const extra = [...got.keys()].filter((k) => !want.has(k));
    const order = [...got.keys()].filter((k) => want.has(k)).join('\n') === [...want.keys()].filter((k) => got.has(k)).join('\n');
    const ok = same === n && !extra.length && order;
    if (ok) t.ok++;
    if (out === wantText) t.wholeBytes++;
    t.docs += n; t.same += same; t.bytes += bytes;
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${c.id}: ${same}/${n} documents identical as objects, ${bytes} byte for byte${nondet.size ? `, ${want.size - n} nondeterministic skipped` : ''}${out === wantText ? ', whole output byte-identical' : ''}${extra.length ? `, ${extra.length} extra: ${extra.slice(0, 3).join(', ')}` : ''}${order ? '' : ', ORDER differs'}${diffs.length ? `, differ: ${diffs.slice(0, 5).join(', ')}` : ''} (${ms} ms)`);
  }
  console.log('helm conformance against Helm 3.12.3 `helm template` (../shared/helm), through `kubehex render`');
  for (const l of lines) if (verbose || l.startsWith('FAIL')) console.log(`  ${l}`);
  console.log(`helm: cases ${t.ok}/${t.cases}, documents identical ${t.same}/${t.docs} (byte for byte ${t.bytes}; ${t.skippedDocs} nondeterministic documents skipped), error cases ${t.errorsOk}/${t.errorCases} (message and FILE:LINE:COL place), whole outputs byte-identical ${t.wholeBytes}/${t.cases - t.errorCases}`);
  return t.ok === t.cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ok = runHelmConformance(args.filter((a) => !a.startsWith('--')), args.includes('--verbose'));
  process.exitCode = ok ? 0 : 1;
}
