// Enforces the architecture's dependency direction (docs/architecture.md):
//   engine -> nothing of ours; render -> engine; policies -> engine; rules -> engine; host -> engine, render;
//   cli, server -> engine, render, policies, rules, host;
//   client -> nothing of ours.
// Test files (*.test.ts) and test/ may import anything.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const allowed = { engine: [], render: ['engine'], policies: ['engine'], rules: ['engine'], host: ['engine', 'render'], cli: ['engine', 'render', 'policies', 'rules', 'host'], server: ['engine', 'render', 'policies', 'rules', 'host'], client: [] };
const problems = [];

function walk(d, out = []) {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

for (const [layer, deps] of Object.entries(allowed)) {
  let files = [];
  try { files = walk(join(root, layer)); } catch { continue; }
  for (const f of files) {
    if (f.endsWith('.test.ts')) continue;
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.[^'"]*)['"]/g)) {
      const target = relative(root, resolve(dirname(f), m[1]));
      const top = target.split(sep)[0];
      if (top === layer) continue;
      if (!deps.includes(top)) problems.push(`${relative(root, f)}: imports ${m[1]} (${top}/), but ${layer}/ may import only ${deps.length ? deps.join(', ') : 'no project code'}`);
    }
  }
}
if (problems.length) {
  console.error('Architecture check failed:\n  ' + problems.join('\n  '));
  process.exit(1);
}
