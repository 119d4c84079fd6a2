// Build step (scripts/build.mjs, after esbuild): the V8 code caches of dist/cli.js (dist/cli.js.cache) and of
// each schema validator (dist/validators/X.js.cache), which bin/load-bundle.js loads them with. Made in a process
// of its own that starts as the CLI does (its V8 flags: V8 rejects a cache made under other flags): compile the
// bundle and the validators, scan examples/ on one thread and on two and run every validator once (the functions
// V8 compiles only when they first run are cached too), then save V8's data.
// The scans' output is not printed. Usage: node scripts/code-cache.mjs [BUNDLE] (default dist/cli.js).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const loader = require(join(root, 'bin', 'load-bundle.js'));
const bundle = resolve(process.argv[2] ?? join(root, 'dist', 'cli.js'));

loader.applyCliFlags();
const source = readFileSync(bundle);
const script = loader.compile(bundle, source, undefined);
const cli = loader.run(script, bundle).exports;
// the validators, loaded here first: the bundle's require finds them loaded
const validatorsDir = join(dirname(bundle), 'validators');
const validators = (existsSync(validatorsDir) ? readdirSync(validatorsDir) : []).filter((f) => f.endsWith('.js')).map((f) => {
  const file = join(validatorsDir, f);
  const text = readFileSync(file);
  const s = loader.compile(file, text, undefined);
  return { file, text, script: s, validate: loader.run(s, file).exports };
});
const write = process.stdout.write;
process.stdout.write = () => true;
try {
  for (const workers of ['1', '2']) {
    process.env.KUBEHEX_WORKERS = workers;
    await cli.main(['scan', join(root, 'examples'), '--format', 'json'], { workerScript: bundle });
  }
} finally {
  process.stdout.write = write;
}
// each validator run once more on a small object (a kind examples/ does not hold: its outer functions at least)
for (const v of validators) {
  const parts = basename(v.file, '.js').split('_'); // validatorFile: apps_v1_Deployment
  const kind = parts.pop();
  try { v.validate({ apiVersion: parts.join('/'), kind, metadata: { name: 'x', labels: { a: 'b' } }, spec: {} }); } catch { /* only warming up */ }
  writeFileSync(`${v.file}.cache`, loader.cacheFile(v.text, v.script.createCachedData()));
}
const data = script.createCachedData();
writeFileSync(`${bundle}.cache`, loader.cacheFile(source, data));
console.log(`code-cache: ${(data.length / 1048576).toFixed(1)} MB of V8 code cache for ${dirname(bundle) === join(root, 'dist') ? 'dist/' : ''}${bundle.split(/[\\/]/).pop()}, and for ${validators.length} validators`);
