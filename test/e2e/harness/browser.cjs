// Launches Debian's Chromium through playwright-core with a throw-away profile (and HOME, so the wrapper's
// crash-report folder stays out of ~). Resolve playwright-core through NODE_PATH=.e2e-tools/node_modules.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

async function launch({ executablePath = process.env.E2E_CHROMIUM || '/usr/bin/chromium', width = 1400, height = 860 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kubehex-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width, height },
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] || (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

function args(spec) {
  const out = {};
  for (const [name, def] of Object.entries(spec)) {
    const i = process.argv.indexOf('--' + name);
    if (i >= 0 && i + 1 < process.argv.length) out[name] = process.argv[i + 1];
    else if (def === undefined) { console.error(`missing --${name}`); process.exit(2); }
    else out[name] = def;
  }
  return out;
}

module.exports = { launch, args };
