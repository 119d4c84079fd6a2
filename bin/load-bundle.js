'use strict';
// How the CLI starts (bin/kubehex.js, its scan worker threads, and scripts/code-cache.mjs at build time):
//   1. V8 flags for the CLI (cliV8Flags), before the bundle is compiled;
//   2. dist/cli.js compiled with the V8 code cache the build made for it (dist/cli.js.cache: the bytecode of the
//      functions a scan of examples/ ran), so that neither thread parses and compiles the 2.9 MB bundle again;
//      the schema validators the bundle requires (dist/validators/*.js, 8 MB of them in a corpus scan) likewise.
// Plain CommonJS, not bundled: it must run before the bundle exists in the process.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, isAbsolute } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/**
 * V8 flags of the CLI (process-wide: they hold for the scan's worker threads too). A scan runs a few hundred
 * rule and engine functions for a few seconds: by default V8 optimises them early, on too little type feedback,
 * then deoptimises them ("wrong map") and optimises them again, several times over (lintDocument 7 times, 706
 * TurboFan jobs in all), with every callee inlined into each new copy; in a scan on two threads both isolates do
 * all of that on the same two cores. A larger interrupt budget (300000 bytes of bytecode run, not 67584) lets
 * the feedback settle before a function is optimised; without inlining each optimisation is small and a
 * deoptimisation throws less away. Measured on the corpus (1,303 files, KUBEHEX_WORKERS=2, CPU time of the
 * process, medians of 5 interleaved runs on a loaded machine): none 14.3 s, --interrupt-budget=300000 12.7 s,
 * --no-turbo-inlining 12.7 s, both 11.4 s; the findings are byte-identical. Not for the language server
 * (`kubehex lsp`): an editor's short runs want their code optimised early.
 * --heap-growing-percent=80: after a full collection V8 lets the old generation grow to live size x 1.8 before
 * the next one, not up to 4x (its default on a machine with a large heap limit); a scan keeps its index, findings
 * and small parses until phase 2 and makes much medium-lived garbage there, so the 4x let a one-thread corpus scan
 * reach 410-430 MB resident for ~180 MB live. Corpus, the same build with and without this flag, medians of 5
 * interleaved runs, load 2.2-2.7: one thread 430 -> 366 MB peak RSS, CPU 5.68 -> 5.76 s; two threads
 * 499 -> 485 MB, CPU 7.51 -> 7.87 s (median pair difference +0.04 s), wall 4.23 -> 4.29 s.
 * V8 reports a flag it does not know on standard error (test/cli/startup.test.ts checks that it says nothing).
 */
const CLI_V8_FLAGS = ['--interrupt-budget=300000', '--no-turbo-inlining', '--heap-growing-percent=80'];

/** Sets the CLI's V8 flags (once, from the main thread: setting them while worker isolates compile is a race). */
function applyCliFlags() {
  for (const f of CLI_V8_FLAGS) v8.setFlagsFromString(f);
}

/** What a code cache file starts with: a tag, then the SHA-1 of the bundle's text and of V8's data. */
const MAGIC = Buffer.from('kubehex-code-cache-1\n');
const HASH_BYTES = 20;

function digest(source, data) {
  return createHash('sha1').update(source).update(data).digest();
}

/** The code cache file's bytes for a bundle's text and V8's cached data (scripts/code-cache.mjs). */
function cacheFile(source, data) {
  return Buffer.concat([MAGIC, digest(source, data), data]);
}

/**
 * V8's data out of a code cache file, or undefined when the file is not one made for this very text: V8 itself
 * checks only the text's length, its own version and its flags, and a damaged cache it accepts can crash it.
 */
function cachedDataFor(source, file) {
  if (file.length <= MAGIC.length + HASH_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(MAGIC.length + HASH_BYTES);
  return digest(source, data).equals(file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES)) ? data : undefined;
}

/** The bundle compiled as Node compiles a CommonJS module, with its code cache when `cachedData` is given. */
function compile(filename, source, cachedData) {
  return new vm.Script(Module.wrap(source.toString('utf8')), { filename, cachedData });
}

/**
 * The `require` of a module loaded here: a module named by its absolute path that has a valid code cache next to
 * it (the schema validators in dist/validators) is loaded with it; anything else as `require` loads it.
 */
function requireFor(filename) {
  const plain = Module.createRequire(filename);
  const req = (id) => {
    if (typeof id === 'string' && isAbsolute(id) && id.endsWith('.js') && !Module._cache[id]) {
      const m = loadCached(id, undefined);
      if (m) return m.exports;
    }
    return plain(id);
  };
  return Object.assign(req, { resolve: plain.resolve, cache: plain.cache, main: plain.main, extensions: plain.extensions });
}

/** Runs a compiled bundle as the CommonJS module `filename` (registered in require's cache) and returns it. */
function run(script, filename) {
  const m = new Module(filename, module);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(dirname(filename));
  Module._cache[filename] = m;
  try {
    script.runInThisContext().call(m.exports, m.exports, requireFor(filename), m, filename, dirname(filename));
  } catch (e) {
    delete Module._cache[filename];
    throw e;
  }
  m.loaded = true;
  return m;
}

/**
 * `require(filename)`, with the code cache `filename.cache` when there is a valid one. Without one, or one V8
 * rejects (another Node version, other flags), it is an ordinary load; with Node's source maps on
 * (--enable-source-maps) too, so that stack traces are mapped as before. Nothing is written.
 * `stats`, when given, receives whether the cache was used.
 */
function loadBundle(filename, stats) {
  const cached = Module._cache[filename];
  if (cached) return cached.exports;
  const m = process.sourceMapsEnabled ? undefined : loadCached(filename, stats);
  return m ? m.exports : require(filename);
}

/** How many modules this thread loaded with their code cache (KUBEHEX_SCAN_TRACE). */
const fromCache = { count: 0 };

/** The module `filename` loaded with its code cache, or undefined when it has no valid one (nothing is loaded then). */
function loadCached(filename, stats) {
  let source, data;
  try {
    if (!existsSync(`${filename}.cache`)) return undefined;
    source = readFileSync(filename);
    data = cachedDataFor(source, readFileSync(`${filename}.cache`));
  } catch {
    return undefined;
  }
  if (!data) return undefined;
  const script = compile(filename, source, data);
  if (stats) stats.cacheUsed = !script.cachedDataRejected;
  if (!script.cachedDataRejected) fromCache.count++;
  return run(script, filename);
}

module.exports = { CLI_V8_FLAGS, applyCliFlags, loadBundle, loadCached, compile, run, cacheFile, fromCache };
