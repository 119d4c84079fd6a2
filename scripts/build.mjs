// Build: rule registry -> architecture check -> schema validators (ajv standalone, remade only when the
// schema changes) -> type check + test compile (tsc) -> bundles (esbuild) + dist/validators -> the CLI bundle's
// V8 code cache (scripts/code-cache.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const run = (args) => execFileSync(node, args, { cwd: root, stdio: 'inherit' });

run([join(root, 'scripts/gen-registry.mjs')]);
run([join(root, 'scripts/check-imports.mjs')]);
run([join(root, 'scripts/gen-validators.mjs')]);
// tsc writes every output again but never deletes one: a source removed (a test among them) must not keep
// running from its stale compiled copy in out/ (out/e2e is scripts/e2e.sh's working folder, which builds from there)
for (const entry of existsSync(join(root, 'out')) ? readdirSync(join(root, 'out')) : []) {
  if (entry !== 'e2e') rmSync(join(root, 'out', entry), { recursive: true, force: true });
}
try {
  run([join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')]);
} catch {
  console.error('build failed: type errors (see above)');
  process.exit(1);
}

mkdirSync(join(root, 'dist'), { recursive: true });
// a cache of the previous bundle must not outlive it (bin/load-bundle.js would refuse it, but not load faster)
rmSync(join(root, 'dist/cli.js.cache'), { force: true });

// `yaml` is a CommonJS package: imported from our ES modules as is, every use (`isScalar(n)`, `new Pair()`) would
// go through a getter of esbuild's interop wrapper, on the hottest paths of the parse and the rules (about 0.1 s
// of a corpus scan). Our imports of `yaml` get a small ES module instead that reads each export once, so the
// bundle calls the functions directly. The package's own modules still require it as they are.
const yamlExports = Object.keys(createRequire(import.meta.url)(join(root, 'node_modules/yaml'))).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
const yamlDirect = {
  name: 'yaml-direct',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'yaml-direct' || args.importer.includes(`${sep}node_modules${sep}`) ? undefined : { path: 'yaml', namespace: 'yaml-direct' }));
    b.onLoad({ filter: /.*/, namespace: 'yaml-direct' }, () => ({
      contents: `import * as Y from 'yaml';\n${yamlExports.map((k) => `export const ${k} = Y.${k};`).join('\n')}\n`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};
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
  plugins: [yamlDirect],
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
