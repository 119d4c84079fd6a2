// Build step (scripts/build.mjs, after esbuild): the V8 code cache of dist/cli.js, dist/cli.js.cache, which
// bin/load-bundle.js loads the bundle with. Made in a process of its own that starts as the CLI does (its V8
// flags: V8 rejects a cache made under other flags): compile the bundle, scan examples/ with it on one thread
// and on two (the functions V8 compiles only when they first run are cached too), then save V8's data.
// Its output is not printed. Usage: node scripts/code-cache.mjs [BUNDLE] (default dist/cli.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const loader = require(join(root, 'bin', 'load-bundle.js'));
const bundle = resolve(process.argv[2] ?? join(root, 'dist', 'cli.js'));

loader.applyCliFlags();
const source = readFileSync(bundle);
const script = loader.compile(bundle, source, undefined);
const cli = loader.run(script, bundle).exports;
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
const data = script.createCachedData();
writeFileSync(`${bundle}.cache`, loader.cacheFile(source, data));
console.log(`code-cache: ${(data.length / 1048576).toFixed(1)} MB of V8 code cache for ${dirname(bundle) === join(root, 'dist') ? 'dist/' : ''}${bundle.split(/[\\/]/).pop()}`);
