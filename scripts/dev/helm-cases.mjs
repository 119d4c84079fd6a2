// Dev tool: render ../shared/helm cases with the chart layer (render/helm) on the Go template engine
// (render/helm/template) and compare with Helm 3.12's reference output, document by document.
//   npm run build && node scripts/dev/helm-cases.mjs [CASE_ID...] [--diff]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const T = require(join(root, 'out/render/helm/template/index.js'));
const H = require(join(root, 'out/render/helm/index.js'));
const shared = join(root, '..', 'shared', 'helm');
if (!existsSync(shared)) { console.log('skipped: ../shared/helm not found'); process.exit(0); }

const engine = {
  newSet: () => new T.TemplateSet(),
  execute: (set, name, data, opts) => T.execute(set, name, data, opts),
  int: (n, kind) => T.goInt(n, kind),
  typed: (o, t) => T.tagType(o, t),
  toYaml: (v) => T.helmToYaml(v),
  asError: (e) => (e instanceof T.TemplateError ? e : undefined),
};
const diskFs = {
  readText(p) { try { return statSync(p).isFile() ? readFileSync(p, 'utf8').replace(/^\uFEFF/, '') : undefined; } catch { return undefined; } },
  readBytes(p) { try { return statSync(p).isFile() ? new Uint8Array(readFileSync(p)) : undefined; } catch { return undefined; } },
  stat(p) { try { const s = statSync(p); return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined; } catch { return undefined; } },
  list(d) { try { return readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, type: e.isDirectory() ? 'dir' : 'file' })).filter((e) => e.type === 'dir' || statSync(join(d, e.name)).isFile()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); } catch { return []; } },
};

const args = process.argv.slice(2);
const showDiff = args.includes('--diff');
const only = args.filter((a) => !a.startsWith('--'));
const cases = JSON.parse(readFileSync(join(shared, 'cases.json'), 'utf8')).filter((c) => !only.length || only.includes(c.id));
const docs = (text) => {
  const out = new Map();
  for (const d of text.split(/^---\n/m)) {
    const m = /^# Source: (.*)$/m.exec(d);
    if (!m) continue;
    const k = m[1];
    let key = k; let i = 1;
    while (out.has(key)) key = `${k}#${++i}`;
    out.set(key, d);
  }
  return out;
};
let totalDocs = 0, sameDocs = 0, okCases = 0;
for (const c of cases) {
  const set = Object.entries(c.set ?? {}).map(([k, v]) => `${k}=${v}`);
  const t0 = Date.now();
  let r;
  try {
    r = H.renderChart(diskFs, join(shared, c.chart), { helm: { values: (c.values ?? []).map((v) => join(shared, v)), set, releaseName: c.releaseName, namespace: c.namespace, kubeVersion: c.kubeVersion, apiVersions: c.apiVersions, includeCrds: c.includeCrds, skipTests: c.skipTests, isUpgrade: c.isUpgrade } }, engine);
  } catch (e) { console.log(`${c.id}: THROW ${e.stack?.split('\n').slice(0, 3).join(' | ')}`); continue; }
  const ms = Date.now() - t0;
  if (typeof c.expect === 'object') {
    const got = r.errors[0]?.message;
    const ok = got === c.expect.error;
    if (ok) okCases++;
    console.log(`${c.id}: error case ${ok ? 'OK' : 'DIFF'} (${ms} ms)${ok ? '' : `\n   want: ${JSON.stringify(c.expect.error).slice(0, 300)}\n   got:  ${JSON.stringify(got).slice(0, 300)}`}`);
    continue;
  }
  if (r.errors.length) { console.log(`${c.id}: ERROR ${r.errors[0].message.slice(0, 400)}`); continue; }
  const want = docs(readFileSync(join(shared, c.expect), 'utf8'));
  const got = docs(r.text);
  const nondet = new Set(c.nondeterministic ?? []);
  let same = 0, n = 0; const diffs = [];
  for (const [k, w] of want) {
    if (nondet.has(k.replace(/#\d+$/, ''))) continue;
    n++;
    const g = got.get(k);
    if (g === w) same++; else diffs.push(k);
  }
  totalDocs += n; sameDocs += same;
  const exact = r.text === readFileSync(join(shared, c.expect), 'utf8');
  if (same === n) okCases++;
  console.log(`${c.id}: ${same}/${n} documents identical${exact ? ', whole output byte-identical' : ''} (${ms} ms)${diffs.length ? ' DIFF: ' + diffs.slice(0, 6).join(', ') : ''}`);
  if (showDiff) for (const k of diffs.slice(0, 3)) {
    const w = want.get(k).split('\n'); const g = (got.get(k) ?? '(missing)').split('\n');
    for (let i = 0; i < Math.max(w.length, g.length); i++) if (w[i] !== g[i]) { console.log(`   ${k} line ${i + 1}\n     want: ${JSON.stringify(w[i])}\n     got:  ${JSON.stringify(g[i])}`); break; }
  }
}
console.log(`cases OK: ${okCases}/${cases.length}; documents identical: ${sameDocs}/${totalDocs}`);
