import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { SERVER } from './lsp-client';
import { PRIV_DEPLOY, testSettings } from './helpers';

describe('server: --node-ipc transport (how VS Code starts it)', function () {
  it('initializes, publishes diagnostics and exits 0 over IPC', async () => {
    const child = fork(SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const inbox: any[] = [];
    const waiters: Array<() => void> = [];
    child.on('message', (m) => { inbox.push(m); for (const w of waiters.slice()) w(); });
    const waitFor = (pred: (m: any) => boolean) => new Promise<any>((res) => {
      const check = () => { const m = inbox.find(pred); if (m) { waiters.splice(waiters.indexOf(check), 1); res(m); } };
      waiters.push(check);
      check();
    });
    try {
      child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: testSettings() } } });
      const init = await waitFor((m) => m.id === 1);
      assert.equal(init.result.serverInfo.name, 'kubehex');
      child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      const uri = 'file:///virtual/ipc.yaml';
      child.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: PRIV_DEPLOY } } });
      const pub = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
      assert.deepEqual(pub.params.diagnostics.map((d: any) => [d.code, d.range.start.line]), [['privileged-container', 11]]);
      child.send({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null });
      await waitFor((m) => m.id === 2);
      child.send({ jsonrpc: '2.0', method: 'exit', params: null });
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
