#!/usr/bin/env node
// Runs the mocha suite of test/e2e inside code-server's extension host ("payload mode"): the workbench URL
// asks VS Code to load EXT as a development extension and call run() of TESTS, as @vscode/test-electron
// does. code-server starts an extension host only while a browser is connected, so a headless Chromium holds
// the page open until the suite writes RESULT (E2E_RESULT_FILE, set in code-server's environment).
//   node run-host-tests.cjs --url URL --folder WS --extension EXT --tests EXT/out/test/e2e/index.js --result R.json
// Exit 0 only when RESULT says 0 failures.
const fs = require('fs');
const path = require('path');
const { launch, args } = require('./browser.cjs');

const a = args({ url: undefined, folder: undefined, extension: undefined, tests: undefined, result: undefined, timeout: '240', out: '' });
const url = a.url.replace(/\/$/, '');
const remote = (p) => `vscode-remote://${new URL(url).host}${path.resolve(p)}`;
const payload = [['extensionDevelopmentPath', remote(a.extension)], ['extensionTestsPath', remote(a.tests)]];
const target = `${url}/?folder=${encodeURIComponent(path.resolve(a.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const result = path.resolve(a.result);

(async () => {
  fs.rmSync(result, { force: true });
  const t0 = Date.now();
  const { page, close } = await launch();
  // mocha's spec reporter runs in the extension host; its console is mirrored to the page console
  // A suite that fails to load (e.g. a missing module) never writes RESULT: stop at its error instead.
  let loadError;
  const testsFile = path.resolve(a.tests);
  page.on('console', (m) => {
    const text = m.text().replace(/%c/g, '').replace(/color: ?[#\w]+;?/g, '').trim();
    if (text) console.log(text.split('\n').map((l) => `[host] ${l}`).join('\n'));
    if (m.type() === 'error' && text.includes(testsFile) && !loadError) loadError = text.split('\n')[0];
  });
  let code = 1;
  try {
    await page.goto(target);
    // the result file is written by the suite itself; wait for it to appear (fs.watch on its folder)
    await new Promise((resolve, reject) => {
      const dir = path.dirname(result);
      const timer = setTimeout(() => { finish(); reject(new Error(`no ${result} after ${a.timeout}s`)); }, Number(a.timeout) * 1000);
      const done = () => { if (!fs.existsSync(result)) return; finish(); resolve(); };
      const watcher = fs.watch(dir, done);
      // the console is not a file event: check it on page events, which arrive with every console message
      const onConsole = () => { if (loadError) { finish(); reject(new Error(`the suite did not load: ${loadError}`)); } };
      page.on('console', onConsole);
      const finish = () => { clearTimeout(timer); watcher.close(); page.off('console', onConsole); };
      done();
    });
    let res;
    for (;;) { try { res = JSON.parse(fs.readFileSync(result, 'utf8')); break; } catch { await new Promise((r) => setImmediate(r)); } }
    for (const t of res.passed) console.log(`  passed: ${t}`);
    for (const f of res.failed) console.log(`  FAILED: ${f.title}\n${f.error}`);
    console.log(`suite: ${res.passed.length} passed, ${res.failed.length} failed (VS Code ${res.vscodeVersion}); activate() ${res.activateMs} ms, activation to first diagnostics ${res.activationToFirstDiagnosticsMs} ms`);
    code = res.failures === 0 ? 0 : 1;
  } catch (e) {
    console.error('editor tests did not complete:', e.message);
  } finally {
    if (a.out) {
      fs.mkdirSync(a.out, { recursive: true });
      await page.screenshot({ path: path.join(a.out, 'host-tests.png') }).catch(() => {});
    }
    await close();
  }
  console.log(`editor tests took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code);
})();
