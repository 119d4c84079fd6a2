// The small LSP client the language-server benchmarks share (bench-lsp.mjs, bench-kustomize.mjs): spawns
// dist/server.js over stdio, answers the server's workspace/configuration requests with `settings`, and lets a
// bench wait for the diagnostics of one document version.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class BenchClient {
  /** @param {string} server path of dist/server.js  @param {object} settings kubehex settings given to every configuration request */
  constructor(server, settings = {}) {
    this.settings = settings;
    this.proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buf = Buffer.alloc(0); this.id = 1; this.pending = new Map(); this.listeners = [];
    this.proc.stdout.on('data', (d) => { this.buf = Buffer.concat([this.buf, d]); this.drain(); });
  }
  drain() {
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n'); if (sep < 0) return;
      const len = Number(/Content-Length: *(\d+)/i.exec(this.buf.subarray(0, sep).toString())[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      if (msg.id !== undefined && !msg.method && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id); this.pending.delete(msg.id);
        msg.error ? p.rej(new Error(`${msg.error.code} ${msg.error.message}`)) : p.res(msg.result);
      } else if (msg.id !== undefined && msg.method) {
        this.send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => this.settings) : null });
      }
      for (const l of this.listeners.slice()) l(msg);
    }
  }
  send(o) { const b = Buffer.from(JSON.stringify(o)); this.proc.stdin.write(`Content-Length: ${b.length}\r\n\r\n`); this.proc.stdin.write(b); }
  request(method, params) { const id = this.id++; return new Promise((res, rej) => { this.pending.set(id, { res, rej }); this.send({ jsonrpc: '2.0', id, method, params }); }); }
  notify(method, params) { this.send({ jsonrpc: '2.0', method, params }); }
  /** The first diagnostics of `uri` published for exactly `version`. */
  waitDiagnostics(uri, version) { return this.until(uri, version, () => true, true); }
  /** The first diagnostics of `uri` at `version` (or unversioned, unless `exact`) for which `done` holds. */
  until(uri, version, done, exact = false) {
    return new Promise((res) => {
      const l = (m) => {
        if (m.method !== 'textDocument/publishDiagnostics' || m.params.uri !== uri) return;
        if (m.params.version !== version && (exact || m.params.version !== undefined)) return;
        if (!done(m.params.diagnostics)) return;
        this.listeners = this.listeners.filter((x) => x !== l); res(m.params.diagnostics);
      };
      this.listeners.push(l);
    });
  }
  async init(pull) {
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, ...(pull ? { diagnostic: {} } : {}) } } });
    this.notify('initialized', {});
  }
  async stop() { await this.request('shutdown', null); this.notify('exit', null); await new Promise((r) => this.proc.on('exit', r)); }
  rssMb() {
    try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'))[1]) / 1024; }
    catch { return NaN; }
  }
}
