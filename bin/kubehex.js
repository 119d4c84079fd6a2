#!/usr/bin/env node
'use strict';
// Also the entry of the scan's worker threads (the bundle runs the worker's part by itself when it is one).
const { isMainThread } = require('node:worker_threads');
const { join } = require('node:path');
const { CLI_V8_FLAGS, applyCliFlags, fromCache, loadBundle } = require('./load-bundle');

// the CLI's V8 flags (see load-bundle.js), not for the language server; before the bundle is compiled
const flags = isMainThread && process.argv[2] !== 'lsp';
if (flags) applyCliFlags();
const stats = { cacheUsed: false };
const cli = loadBundle(join(__dirname, '..', 'dist', 'cli.js'), stats);
if (process.env.KUBEHEX_SCAN_TRACE === '1') {
  process.stderr.write(`[start${isMainThread ? '' : ' worker'}] ${flags ? `V8 flags ${CLI_V8_FLAGS.join(' ')}, ` : ''}dist/cli.js ${stats.cacheUsed ? 'loaded from its code cache' : 'compiled'}\n`);
}
if (isMainThread && process.env.KUBEHEX_CACHE_TRACE === '1') {
  process.on('exit', () => process.stderr.write(`[exit] ${fromCache.count} modules loaded from their code cache\n`));
}
if (isMainThread) {
  cli
    .main(process.argv.slice(2), { workerScript: __filename })
    .then((code) => {
      if (code >= 0) process.exitCode = code;
    });
}
