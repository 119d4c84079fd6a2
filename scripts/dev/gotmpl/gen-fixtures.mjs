// Dev tool: run every case file in scripts/dev/gotmpl/cases through Go (text/template + Sprig + the Helm-like
// layer of main.go) and write the expected outputs as test fixtures, so the project's tests never need Go.
//   cd scripts/dev/gotmpl && GOPATH=/usr/share/gocode GO111MODULE=off go build -o /tmp/gotmpl . && cd - &&
//   node scripts/dev/gotmpl/gen-fixtures.mjs            (then: npm run build && node scripts/dev/gotmpl/compare-fixtures.mjs)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../../test/render/template/fixtures');
for (const f of readdirSync(join(here, 'cases')).filter((x) => x.endsWith('.json')).sort()) {
  const cases = JSON.parse(readFileSync(join(here, 'cases', f), 'utf8'));
  const res = JSON.parse(execFileSync(process.env.GOTMPL ?? '/tmp/gotmpl', { input: JSON.stringify(cases), maxBuffer: 1 << 28 }).toString());
  const byId = new Map(res.map((r) => [r.id, r]));
  const fixtures = cases.map((c) => {
    const r = byId.get(c.id);
    const { id, tpl, name, files, data, mode } = c;
    return { id, tpl, ...(name ? { name } : {}), ...(files ? { files } : {}), data, ...(mode ? { mode } : {}), expect: r.err ? { err: r.err } : { out: r.out } };
  });
  writeFileSync(join(out, f), JSON.stringify(fixtures, null, 1) + '\n');
  console.log(`${f}: ${fixtures.length} cases`);
}
