import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigStore } from '../../server/settings';
import { DEFAULT_SETTINGS } from '../../server/settings';
import { LspClient, uriOf } from './lsp-client';
import { codes, podDoc, removeDir, startClient, tempDir } from './helpers';

// Issue 14, server half of the configuration reproducers.

function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) lines.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill('*' + 'abcdefgh'[i - 1]).join(', ')}]`);
  return lines.join('\n') + '\nignore: *h\n';
}

const BOMB_MESSAGE = 'aliases expand to too many nodes (an alias bomb: Excessive alias count indicates a resource exhaustion attack); not expanded';

describe('server: hostile .kubehex.yaml files', function () {
  this.timeout(60000);
  let dir: string;
  const clients: LspClient[] = [];
  const start = async (opts: Parameters<typeof startClient>[0]) => { const c = await startClient(opts); clients.push(c); return c; };
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { for (const c of clients.splice(0)) c.kill(); removeDir(dir); });

  it('an alias bomb in .kubehex.yaml: the pull for a manifest answers, the config file gets the error (config-alias-bomb-stacktrace)', async () => {
    writeFileSync(join(dir, '.kubehex.yaml'), aliasBomb());
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, podDoc('p', true));
    const c = await start({ root: dir, pull: true });
    const since = c.mark();
    c.open(uriOf(file), podDoc('p', true));
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    assert.deepEqual(codes(r.items), ['privileged-container']);
    const cfg = await c.diagnostics(uriOf(join(dir, '.kubehex.yaml')), undefined, since);
    assert.deepEqual(cfg.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]), [['config', 1, 7, BOMB_MESSAGE]]);

    c.open(uriOf(join(dir, '.kubehex.yaml')), aliasBomb());
    const own = await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(join(dir, '.kubehex.yaml')) } });
    assert.deepEqual(own.items.map((d: any) => d.message), [BOMB_MESSAGE]);
  });

  it('a .kubehex.yaml that is a symlink to /dev/zero is refused with a diagnostic; linting goes on', async () => {
    symlinkSync('/dev/zero', join(dir, '.kubehex.yaml'));
    const file = join(dir, 'pod.yaml');
    const c = await start({ root: dir });
    const since = c.mark();
    c.open(uriOf(file), podDoc('p', true));
    assert.deepEqual(codes(await c.diagnostics(uriOf(file), 1, since)), ['privileged-container']);
    const cfg = await c.diagnostics(uriOf(join(dir, '.kubehex.yaml')), undefined, since);
    assert.deepEqual(cfg.map((d) => d.message), ['cannot read .kubehex.yaml: not a regular file (a character device)']);
  });

  it('hostile ignore globs neither freeze the server nor its shutdown (ignore-glob-redos)', async () => {
    mkdirSync(join(dir, 'a', 'b', 'c', 'd'), { recursive: true });
    writeFileSync(join(dir, '.kubehex.yaml'), 'ignore:\n  - "' + '**/'.repeat(1000) + 'x.yaml"\n  - "' + '*a'.repeat(60) + 'b"\n');
    const file = join(dir, 'a', 'b', 'c', 'd', 'pod.yaml');
    const c = await start({ root: dir });
    const since = c.mark();
    c.open(uriOf(file), podDoc('p', true));
    assert.deepEqual(codes(await c.diagnostics(uriOf(file), 1, since)), ['privileged-container']);
    assert.equal(await c.shutdown(), 0);
  });
});

describe('server: ignore globs are compiled once per configuration version (server-large-ignore-list)', () => {
  it('every lookup of an unchanged config returns the same compiled set; a change compiles it again', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, '.kubehex.yaml'), 'ignore:\n' + Array.from({ length: 20000 }, (_, i) => `  - "dir${i}/**"\n`).join(''));
      const store = new ConfigStore(() => undefined);
      const first = store.resolve(join(dir, 'pod.yaml'), DEFAULT_SETTINGS, true).config.ignore;
      assert.ok(first);
      assert.equal(first.size, 20000);
      assert.equal(store.resolve(join(dir, 'x', 'pod.yaml'), DEFAULT_SETTINGS, true).config.ignore, first);
      assert.equal(first.compiledCount, 0, 'no glob is compiled before a lookup reads its bucket');
      assert.equal(first.matchesPathOrParent('pod.yaml', false), false);
      assert.equal(first.matchesPathOrParent('dir19999/pod.yaml', false), true);
      assert.equal(first.matchesPathOrParent('dir19999/x/pod.yaml', false), true);
      assert.equal(first.compiledCount, 1, 'only dir19999/** was compiled, once');
      store.invalidate();
      const second = store.resolve(join(dir, 'pod.yaml'), DEFAULT_SETTINGS, true).config.ignore;
      assert.notEqual(second, first);
    } finally {
      removeDir(dir);
    }
  });
});
