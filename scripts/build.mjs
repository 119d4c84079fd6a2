// Build: rule registry -> architecture check -> schema validators (ajv standalone, remade only when the
// schema changes) -> type check + test compile (tsc) -> bundles (esbuild) + dist/validators -> the CLI bundle's
// V8 code cache (scripts/code-cache.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const run = (args) => execFileSync(node, args, { cwd: root, stdio: 'inherit' });

run([join(root, 'scripts/gen-registry.mjs')]);
run([join(root, 'scripts/check-imports.mjs')]);
run([join(root, 'scripts/gen-validators.mjs')]);
try {
  run([join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')]);
} catch {
  console.error('build failed: type errors (see above)');
  process.exit(1);
}

mkdirSync(join(root, 'dist'), { recursive: true });
// a cache of the previous bundle must not outlive it (bin/load-bundle.js would refuse it, but not load faster)
rmSync(join(root, 'dist/cli.js.cache'), { force: true });
const entries = [
  { in: 'cli/main.ts', out: 'cli' },
  { in: 'server/main.ts', out: 'server' },
  { in: 'client/extension.ts', out: 'client' },
].filter((e) => existsSync(join(root, e.in)));
await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: true,
  minify: process.env.KUBEHEX_MINIFY === '1',
  logLevel: 'warning',
});

// the bundles load the generated validators from dist/validators when they are there (see rules/_lib/k8s-schema.ts)
const genDir = join(root, 'rules/_lib/schema/validators');
const distGen = join(root, 'dist/validators');
const stampOf = (d) => { try { return readFileSync(join(d, 'stamp.json'), 'utf8'); } catch { return undefined; } };
if (stampOf(genDir) !== stampOf(distGen)) {
  rmSync(distGen, { recursive: true, force: true });
  cpSync(genDir, distGen, { recursive: true });
}
if (existsSync(join(root, 'dist/cli.js'))) run([join(root, 'scripts/code-cache.mjs')]);
