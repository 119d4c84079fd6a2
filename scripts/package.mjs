// npm run package: builds minified bundles and packs the VS Code extension with @vscode/vsce.
// The .vsix holds dist/client.js + dist/server.js (self-contained bundles, so --no-dependencies), the grammar,
// the rule docs, README, CHANGELOG, LICENSE and the icons; .vscodeignore keeps everything else out.
// Prints the .vsix path, its size and its file list. Extra arguments go to `vsce package` (e.g. --out DIR).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (args, env = {}) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

run([join(root, 'scripts/build.mjs')], { KUBEHEX_MINIFY: '1' });

const userArgs = process.argv.slice(2);
const outIdx = userArgs.indexOf('--out');
const vsix = outIdx >= 0 ? resolve(root, userArgs[outIdx + 1]) : join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
// no repository in package.json (kubehex has no public home yet): vsce must not invent links from one, so relative
// links in README.md stay relative (the pages they name are in the .vsix)
run([vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
  ...userArgs.filter((_, i) => i !== outIdx && i !== outIdx + 1), '--out', vsix]);

const size = statSync(vsix).size;
console.log(`${vsix}: ${size} bytes (${(size / 1024).toFixed(0)} KiB)`);
run([vsce, 'ls', '--no-dependencies']);
