#!/usr/bin/env node
// What a user sees, in code-server's workbench through headless Chromium: the squiggle under
// `privileged: true`, its hover, "kubehex: Scan Workspace" filling the kubehex tree, then Ctrl+. + Enter
// applying the quick fix and Ctrl+S writing exactly that one-line change to disk, then the posture webview. Screenshots of the
// squiggle, hover, quick-fix menu and scan tree go to --shots (the README uses them).
//   node drive-ui.cjs --url URL --folder WS --file deploy.yaml --shots docs/images [--out out/e2e]
// Exit 0 when every step happened.
const fs = require('fs');
const path = require('path');
const { launch, args } = require('./browser.cjs');

const a = args({ url: undefined, folder: undefined, file: 'deploy.yaml', shots: undefined, out: 'out/e2e', bulk: '3000' });
const folder = path.resolve(a.folder);
const target = path.join(folder, a.file);
const original = fs.readFileSync(target, 'utf8');
const expected = original.replace(/^(\s*)privileged: true$/m, '$1privileged: false');
if (expected === original) { console.error('fixture has no `privileged: true` line'); process.exit(2); }
fs.mkdirSync(a.shots, { recursive: true });
fs.mkdirSync(a.out, { recursive: true });

const t0 = Date.now();
const log = (...m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...m);
const shot = (page, name) => page.screenshot({ path: path.join(a.shots, name) }).then(() => log('screenshot', name));

/** Waits for `file` on disk to hold `text` (fs.watch events, with a deadline). */
function waitForDisk(file, text, ms = 20000) {
  return new Promise((resolve, reject) => {
    const check = () => { try { if (fs.readFileSync(file, 'utf8') === text) { finish(); resolve(); } } catch { /* mid-write */ } };
    const watcher = fs.watch(path.dirname(file), check);
    const timer = setTimeout(() => { watcher.close(); reject(new Error(`${file} never held the expected text`)); }, ms);
    const finish = () => { clearTimeout(timer); watcher.close(); };
    check();
  });
}

/** Runs a command from the command palette (F1), retried: the first keys can be lost while the layout restores. */
async function palette(page, text, rowText) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(text);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 10000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
      log('palette retry', attempt, e.message.split('\n')[0]);
      await page.keyboard.press('Escape');
    }
  }
}

/** Bounding box of the error squiggle on the editor line that shows `needle`, once it is rendered. */
async function squiggleOn(page, needle) {
  const handle = await page.waitForFunction((n) => {
    const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(n));
    if (!line) return null;
    const lr = line.getBoundingClientRect();
    const sq = [...document.querySelectorAll('.monaco-editor .squiggly-error')].find((s) => {
      const r = s.getBoundingClientRect();
      return r.width > 0 && r.top >= lr.top - 2 && r.bottom <= lr.bottom + 2;
    });
    if (!sq) return null;
    const r = sq.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, needle, { timeout: 60000 });
  return handle.jsonValue();
}

(async () => {
  const { page, close } = await launch();
  page.on('pageerror', (e) => log('pageerror:', e.message));
  let ok = false;
  try {
    await page.goto(`${a.url.replace(/\/$/, '')}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
    log('workbench loaded');

    await palette(page, a.file, path.basename(a.file));
    await page.locator(`.tabs-container .tab[data-resource-name="${path.basename(a.file)}"]`).waitFor({ timeout: 15000 });
    const box = await squiggleOn(page, 'privileged: true');
    log('squiggle under privileged: true');
    await page.mouse.move(1, 1);
    await shot(page, 'squiggle.png');

    // the injection grammar: directive, rule ids and reason get their own token colours, unlike the comment
    const tokens = await page.evaluate(() => {
      const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((l) => l.textContent.includes('kubehex-disable-next-line'));
      return line ? [...line.querySelectorAll('span > span')].map((s) => ({ cls: s.className, text: s.textContent.replace(/\u00a0/g, ' ') })) : [];
    });
    const cls = (text) => (tokens.find((t) => t.text.trim() === text) || {}).cls;
    const comment = cls('#');
    const keyword = cls('kubehex-disable-next-line');
    const ruleIds = ['image-tag-latest', 'image-not-pinned'].map(cls);
    const reason = cls('pinned by digest');
    log('suppression comment tokens:', JSON.stringify(tokens));
    if (!comment || !keyword || !reason || keyword === comment || reason === comment || ruleIds.some((c) => !c || c === comment || c === keyword) || ruleIds[0] !== ruleIds[1]) {
      throw new Error('suppression comment is not highlighted by the injection grammar');
    }

    // the squiggle lies under the text layer: point the mouse at it rather than locator.hover()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'privileged' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    // the rule explanation part of the hover comes from the server a moment after the diagnostic part
    await page.waitForFunction(() => {
      const h = document.querySelector('.monaco-hover:not(.hidden)');
      return h && /6C category/.test(h.textContent) && !/Loading/.test(h.textContent);
    }, null, { timeout: 15000 });
    log('hover:', (await hover.innerText()).split('\n').slice(0, 3).join(' | '));
    await shot(page, 'hover.png');
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');

    await palette(page, '>kubehex: Scan Workspace', 'Scan Workspace');
    await palette(page, '>kubehex: Focus on Findings View', 'Focus on Findings View');
    const tree = page.locator('.pane-body .monaco-list-row');
    const ruleRow = tree.filter({ hasText: 'privileged-container' }).first();
    await ruleRow.waitFor({ state: 'visible', timeout: 60000 });
    await ruleRow.click();
    await tree.filter({ hasText: 'deploy.yaml' }).first().waitFor({ state: 'visible', timeout: 15000 });
    const rows = await tree.allInnerTexts();
    log('scan tree:', JSON.stringify(rows.map((r) => r.replace(/\s+/g, ' '))));
    const status = await page.locator('.statusbar-item', { hasText: 'kubehex' }).first().innerText();
    log('status bar:', status.replace(/\s+/g, ' '));
    // "kubehex <errors> <warnings>": after the scan it counts both privileged containers at least
    const counts = /kubehex\s+(\d+)\s+(\d+)/.exec(status.replace(/\s+/g, ' '));
    if (!counts || Number(counts[1]) < 2) throw new Error(`status bar does not show the scan's errors: ${status}`);
    await shot(page, 'scan-tree.png');

    // put the cursor on the finding (a click focuses the editor too), then Ctrl+. and the first entry
    const again = await squiggleOn(page, 'privileged: true');
    await page.mouse.click(again.x + again.width / 2, again.y + again.height / 2);
    await page.locator('.monaco-editor.focused').waitFor({ timeout: 5000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row.action');
    await menu.first().waitFor({ state: 'visible', timeout: 15000 });
    log('quick fix menu:', JSON.stringify(await menu.allInnerTexts()));
    await shot(page, 'quickfix.png');
    await page.keyboard.press('Enter');

    await page.waitForFunction(() => {
      const text = [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
      return text.includes('privileged: false') && !text.includes('privileged: true');
    }, null, { timeout: 20000 });
    log('editor shows privileged: false');
    await page.keyboard.press('Control+S');
    await waitForDisk(target, expected);
    log('saved: exactly the privileged line changed on disk');
    await page.screenshot({ path: path.join(a.out, 'after-fix.png') });

    // "kubehex: Show Security Posture": the report in a webview; a recipe opens to its findings (<details>) and a
    // click on a finding opens its file (the webview's nonce'd script posts the location to the extension)
    await palette(page, '>kubehex: Show Security Posture', 'Show Security Posture');
    await page.locator('.tabs-container .tab', { hasText: 'kubehex: Security Posture' }).first().waitFor({ timeout: 20000 });
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await report.locator('#categories').waitFor({ state: 'visible', timeout: 60000 });
    const cats = await report.locator('table.posture').first().locator('tbody b').allInnerTexts();
    log('posture categories:', JSON.stringify(cats));
    if (cats.join() !== 'core,chain,cluster,container,code,components') throw new Error(`the posture view does not show the six categories: ${cats}`);
    await shot(page, 'posture.png');
    const recipe = report.locator('li.recipe', { hasText: 'Container runs privileged' }).first();
    await recipe.locator('summary').click();
    const loc = recipe.locator('.loc[data-file$="node-agent.yaml"]').first();
    await loc.waitFor({ state: 'visible', timeout: 10000 });
    await loc.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="node-agent.yaml"]').first().waitFor({ timeout: 15000 });
    log('a click on a finding in the posture view opened node-agent.yaml');

    // a scan big enough to cancel: the notification counts files, and Cancel ends the request through LSP
    // ($/cancelRequest); "scan cancelled" shows only when the server answers RequestCancelled.
    const bulk = path.join(folder, 'bulk');
    fs.mkdirSync(bulk, { recursive: true });
    for (let i = 0; i < Number(a.bulk); i++) {
      fs.writeFileSync(path.join(bulk, `app-${i}.yaml`), original.replace('name: web\n', `name: web-${i}\n`));
    }
    await page.keyboard.press('Escape');
    await palette(page, '>kubehex: Scan Workspace', 'Scan Workspace');
    const note = page.locator('.notifications-toasts .notification-toast', { hasText: 'kubehex: scanning workspace' }).first();
    await note.waitFor({ state: 'visible', timeout: 20000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.notifications-toasts .notification-toast')]
      .some((n) => /kubehex: scanning workspace/.test(n.textContent) && /\d+\/\d+ files/.test(n.textContent)), null, { timeout: 20000 });
    log('progress:', (await note.innerText()).replace(/\s+/g, ' '));
    await shot(page, 'scan-progress.png');
    await note.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'workspace scan cancelled' }).first().waitFor({ state: 'visible', timeout: 20000 });
    log('scan cancelled');
    ok = true;
  } catch (e) {
    console.error('UI check failed:', e);
    await page.screenshot({ path: path.join(a.out, 'ui-failure.png') }).catch(() => {});
  } finally {
    await close();
  }
  log(ok ? 'UI check passed' : 'UI check failed');
  process.exit(ok ? 0 : 1);
})();
