import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../../server/analyzer';
import { DocLinter } from '../../server/doc-lint';
import { ConfigStore, DEFAULT_SETTINGS } from '../../server/settings';
import { WARM_UP_SAMPLE, WarmUp, type WarmUpHost } from '../../server/warm-up';
import { LspClient, uriOf } from './lsp-client';

const rules = new ConfigStore(() => undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A host whose activity and business the test sets. */
function host(): WarmUpHost & { active: number; isBusy: boolean } {
  const h = {
    active: -Infinity,
    isBusy: false,
    rules: () => rules.resolve(undefined, DEFAULT_SETTINGS, true),
    lastActivity: () => h.active,
    busy: () => h.isBusy,
  };
  return h;
}

async function until(cond: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

/** A manifest whose cross-object findings depend on the sample's objects, were they in the workspace index. */
const USER_DOC = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: kubehex-warm-up
spec:
  selector:
    matchLabels: {app: kubehex-warm-up}
  template:
    metadata:
      labels: {app: kubehex-warm-up}
    spec:
      serviceAccountName: kubehex-warm-up
      containers:
        - name: app
          image: nginx:1.27
          envFrom:
            - configMapRef: {name: kubehex-warm-up}
          securityContext:
            privileged: true
`;

describe('server: warm-up', () => {
  it('types into its sample and lints each version as the analyzer would', async () => {
    const w = new WarmUp(host(), 12, 0);
    const first = await w.step();
    const { set, key, hints } = rules.resolve(undefined, DEFAULT_SETTINGS, true);
    const fresh = new DocLinter('kubehex-warm-up:/sample.yaml');
    const want = diagnosticsOf(await fresh.lint(WARM_UP_SAMPLE, 1, set, key, () => undefined), 'kubehex-warm-up:/sample.yaml', 1, hints);
    assert.deepEqual(first, want);
    assert.ok(first.some((d) => d.code === 'privileged-container') === false);
    // the first edit makes the first Deployment's container privileged
    const on = await w.step();
    assert.deepEqual(on.filter((d) => d.code === 'privileged-container').map((d) => d.range.start.line), [WARM_UP_SAMPLE.split('\n').indexOf('            privileged: false')]);
    for (let i = 2; i < 12; i++) await w.step();
    assert.equal(w.edits, 12);
    assert.ok(w.done);
  });

  it('waits for the server to be idle, and stops after its edits', async () => {
    const h = host();
    const w = new WarmUp(h, 8, 30);
    h.isBusy = true;
    w.start();
    await sleep(150);
    assert.equal(w.edits, 0, 'nothing while a lint or request is under way');
    h.active = performance.now();
    h.isBusy = false;
    // a message handled every few ms: never 30 ms of quiet
    const chatter = setInterval(() => { h.active = performance.now(); }, 3);
    try {
      await sleep(150);
      assert.equal(w.edits, 0, 'nothing while messages keep coming');
    } finally {
      clearInterval(chatter);
    }
    await until(() => w.done);
    assert.equal(w.edits, 8);
    await sleep(50);
    assert.equal(w.edits, 8);
  });

  it('stop() ends it between two edits', async () => {
    const w = new WarmUp(host(), 1000, 0);
    w.start();
    await until(() => w.edits >= 2);
    w.stop();
    const n = w.edits;
    await sleep(100);
    assert.ok(w.edits <= n + 1, `${w.edits} edits after stop at ${n}`);
    assert.ok(!w.done);
  });

  it('gives up quietly when a lint of the sample fails', async () => {
    const h = host();
    h.rules = () => { throw new Error('no rules'); };
    const w = new WarmUp(h, 5, 0);
    w.start();
    await until(() => w.done);
  });

  describe('in the server', () => {
    const clients: LspClient[] = [];
    afterEach(() => { for (const c of clients.splice(0)) c.kill(); });

    /** A server with every rule on, warm-up on or off. */
    async function server(warmUp: boolean): Promise<LspClient> {
      const prev = process.env.KUBEHEX_LSP_WARMUP;
      process.env.KUBEHEX_LSP_WARMUP = warmUp ? '' : '0';
      let c: LspClient;
      try {
        c = new LspClient();
      } finally {
        if (prev === undefined) delete process.env.KUBEHEX_LSP_WARMUP;
        else process.env.KUBEHEX_LSP_WARMUP = prev;
      }
      clients.push(c);
      c.settings = { kubehex: { profile: 'all' } };
      await c.initialize();
      return c;
    }

    async function warmUpStats(c: LspClient, done: boolean): Promise<{ edits: number; total: number }> {
      let stats = await c.request('kubehex/warmUpStats', null);
      const end = Date.now() + 20000;
      while (done && stats.edits < stats.total && Date.now() < end) {
        await sleep(50);
        stats = await c.request('kubehex/warmUpStats', null);
      }
      return stats;
    }

    /** The user document's diagnostics when opened, and after an edit made once the warm-up (if any) is done. */
    async function session(warmUp: boolean): Promise<{ first: any[]; edited: any[]; before: { edits: number }; after: { edits: number; total: number } }> {
      const c = await server(warmUp);
      // a YAML file without Kubernetes objects does not start it
      const other = uriOf('/tmp/kubehex-warm-up-test/values.yaml');
      c.open(other, 'replicas: 3\nimage: {tag: latest}\n');
      await c.diagnostics(other, 1);
      await sleep(400);
      const before = await warmUpStats(c, false);
      const uri = uriOf('/tmp/kubehex-warm-up-test/shop.yaml');
      c.open(uri, USER_DOC);
      const first = await c.diagnostics(uri, 1);
      const after = await warmUpStats(c, true);
      const line = USER_DOC.split('\n').indexOf('            privileged: true');
      c.change(uri, 2, [{ range: { start: { line, character: 24 }, end: { line, character: 28 } }, text: 'false' }]);
      return { first, edited: await c.diagnostics(uri, 2), before, after };
    }

    it('warms up once a manifest is open and the server idle, and changes no diagnostic', async function () {
      this.timeout(60000);
      const warmed = await session(true);
      assert.equal(warmed.before.edits, 0, 'no warm-up before a manifest is open');
      assert.ok(warmed.after.total > 0);
      assert.equal(warmed.after.edits, warmed.after.total);
      const cold = await session(false);
      assert.deepEqual(cold.after, { edits: 0, total: 0 });
      // the sample's ServiceAccount (same name and namespace) stays out of the workspace index: the finding that the
      // Deployment's ServiceAccount is missing is there, before and after the warm-up
      for (const d of [warmed.first, warmed.edited]) assert.ok(d.some((x) => x.code === 'service-account-missing'), d.map((x) => x.code).join(' '));
      assert.ok(warmed.first.some((d) => d.code === 'privileged-container'));
      assert.ok(!warmed.edited.some((d) => d.code === 'privileged-container'));
      assert.deepEqual(warmed.first, cold.first);
      assert.deepEqual(warmed.edited, cold.edited);
    });
  });
});
