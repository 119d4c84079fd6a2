// Runs CEL's own conformance suite (cel-spec, from the dev dependency @bufbuild/cel-spec) against kubehex's CEL
// interpreter (policies/cel), for the files covering what Kubernetes' and Kyverno's CEL environments enable.
// Run after `npm run build`. Prints pass/fail per file; `--verbose` lists every failing test.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const harness = join(root, 'out', 'test', 'policies', 'cel-spec-harness.js');
if (!existsSync(harness)) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const { K8S_FILES, loadSpecTests, runSpec } = require(harness);
const verbose = process.argv.includes('--verbose');

const tests = loadSpecTests(K8S_FILES);
const total = runSpec(tests);
console.log(`CEL conformance (cel-spec via @bufbuild/cel-spec): ${total.pass}/${total.pass + total.fail} pass, ${total.skip} skipped (need protobuf messages, containers or unknowns)`);
for (const file of K8S_FILES) {
  const r = runSpec(tests.filter((t) => t.file === file));
  console.log(`  ${file.padEnd(14)} ${String(r.pass).padStart(4)}/${String(r.pass + r.fail).padEnd(4)}${r.skip ? ` (${r.skip} skipped)` : ''}`);
}
if (verbose) for (const f of total.failures) console.log(`  FAIL ${f.test.file}/${f.test.section}/${f.test.name}: ${f.test.expr.replace(/\s+/g, ' ')} -> ${f.got}`);
