// Dev tool: run cases through the TypeScript engine and compare with Go's output.
//   node scripts/dev/gotmpl/compare.mjs CASES.json [GO_RESULTS.json]
// Without GO_RESULTS, runs /tmp/gotmpl (build it first, see main.go) on the cases.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { TemplateSet, execute } = require('../../../out/render/helm/template/index.js');
const { DEFAULT_LIMITS } = require('../../../out/render/types.js');

export function runTs(c) {
  try {
    const set = new TemplateSet();
    for (const n of Object.keys(c.files ?? {}).sort()) set.parse({ name: n, text: c.files[n], file: '/' + n });
    const name = c.name ?? 'main';
    set.parse({ name, text: c.tpl, file: '/' + name });
    const r = execute(set, name, c.data, { limits: DEFAULT_LIMITS, helm: c.mode === 'go' ? undefined : {} });
    return { id: c.id, out: r.text };
  } catch (e) {
    return { id: c.id, out: '', err: e.goMessage ?? `JS: ${e.stack}` };
  }
}

if (process.argv[1] && process.argv[1].endsWith('compare.mjs')) {
  const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const go = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8'))
    : JSON.parse(execFileSync('/tmp/gotmpl', { input: JSON.stringify(cases), maxBuffer: 1 << 28 }).toString());
  let agree = 0;
  const byId = new Map(go.map((r) => [r.id, r]));
  for (const c of cases) {
    const g = byId.get(c.id);
    const t = runTs(c);
    const same = g.out === t.out && (g.err ?? '') === (t.err ?? '');
    if (same) agree++;
    else console.log(`--- ${c.id}: ${JSON.stringify(c.tpl).slice(0, 300)}\n  go: ${JSON.stringify(g.out).slice(0, 400)} ${g.err ? 'ERR ' + g.err : ''}\n  ts: ${JSON.stringify(t.out).slice(0, 400)} ${t.err ? 'ERR ' + t.err.slice(0, 600) : ''}`);
  }
  console.log(`${agree}/${cases.length} agree`);
}
