import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, uriOf } from './lsp-client';
import { removeDir, startClient, tempDir } from './helpers';

// Issue 14 through the editor's render path: a hostile chart answers the pull with the render error on the
// file at fault, at once, and the server stays responsive.

function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) lines.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill('*' + 'abcdefgh'[i - 1]).join(', ')}]`);
  return lines.join('\n') + '\n';
}

describe('server: hostile charts', function () {
  this.timeout(60000);
  let dir: string;
  const clients: LspClient[] = [];
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { for (const c of clients.splice(0)) c.kill(); removeDir(dir); });

  const chart = (name: string) => {
    mkdirSync(join(dir, name, 'templates'), { recursive: true });
    writeFileSync(join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
    writeFileSync(join(dir, name, 'templates', 'c.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: {{ .Values.h | toJson | quote }}\n');
    return join(dir, name);
  };
  const pull = async (c: LspClient, file: string) => {
    c.open(uriOf(file), readFileSync(file, 'utf8'));
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri: uriOf(file) } });
    return r.items.map((d: any) => [d.code, d.message]);
  };

  it('an alias bomb in values.yaml and a symlink loop in a chart: one render error each, and the server still answers', async () => {
    const bomb = chart('bomb');
    writeFileSync(join(bomb, 'values.yaml'), aliasBomb());
    const loop = chart('loop');
    mkdirSync(join(loop, 'templates', 'x'));
    for (const n of ['a', 'b', 'c']) symlinkSync('..', join(loop, 'templates', 'x', n));
    const c = await startClient({ root: dir, pull: true });
    clients.push(c);
    assert.deepEqual(await pull(c, join(bomb, 'values.yaml')), [['render-error', 'helm template fails: cannot load values.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing']]);
    assert.deepEqual(await pull(c, join(loop, 'Chart.yaml')), [['render-error', 'helm template fails: chart folders nest deeper than 32 levels (templates/x/a/x/...): a symlink loop?']]);
    assert.equal(await c.shutdown(), 0);
  });
});
