import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A message seen on the wire, in arrival order. */
export interface Message { jsonrpc: '2.0'; id?: number | string; method?: string; params?: any; result?: any; error?: { code: number; message: string; data?: any } }

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }
export interface Edit { range: Rng; newText: string }

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export class LspError extends Error {
  constructor(readonly code: number, message: string, readonly data?: any) { super(message); }
}

/**
 * A small LSP client over stdio (Content-Length framing) that drives the real server process. Every
 * message is logged, so waiters can look at what already arrived and never need a fixed sleep.
 */
export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly log: Message[] = [];
  stderr = '';
  /** Answers to `workspace/configuration`, by section. */
  settings: Record<string, unknown> = {};
  readonly exited: Promise<number | null>;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { res: (v: any) => void; rej: (e: Error) => void }>();
  private waiters: Array<() => void> = [];

  constructor(args: string[] = ['--stdio'], cwd = ROOT) {
    this.proc = spawn(process.execPath, [SERVER, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    // a write racing the server's exit (a killed server, a test's afterEach) fails with EPIPE: the exit is what
    // the tests look at, so the write error must not surface as an uncaught exception in an unrelated hook
    this.proc.stdin.on('error', () => {});
    this.proc.stdout.on('data', (d: Buffer) => { this.buf = Buffer.concat([this.buf, d]); this.drain(); });
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
  }

  private drain(): void {
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, sep).toString('ascii'));
      if (!m) throw new Error('bad header from server');
      const len = Number(m[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8')) as Message;
      this.buf = this.buf.subarray(sep + 4 + len);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: Message): void {
    this.log.push(msg);
    if (msg.id !== undefined && !msg.method) {
      const p = this.pending.get(msg.id as number);
      if (p) {
        this.pending.delete(msg.id as number);
        if (msg.error) p.rej(new LspError(msg.error.code, msg.error.message, msg.error.data));
        else p.res(msg.result);
      }
    } else if (msg.id !== undefined && msg.method) {
      this.write({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg) });
    }
    for (const w of this.waiters.slice()) w();
  }

  private answer(msg: Message): unknown {
    if (msg.method === 'workspace/configuration') return (msg.params.items as Array<{ section?: string }>).map((i) => (i.section ? this.settings[i.section] ?? null : null));
    return null;
  }

  write(obj: object): void {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null || this.proc.stdin.destroyed) return;
    const body = Buffer.from(JSON.stringify(obj), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** Sends a request; `onId` learns its id (to cancel it). */
  request<T = any>(method: string, params: unknown, onId?: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    onId?.(id);
    return new Promise<T>((res, rej) => {
      this.pending.set(id, { res, rej });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void { this.write({ jsonrpc: '2.0', method, params }); }

  /** Index of the next message to arrive, for `waitFor(…, since)`. */
  mark(): number { return this.log.length; }

  /** The first message from `since` on that satisfies `pred`, waiting for it if needed. */
  waitFor(pred: (m: Message) => boolean, since = 0, what = 'message', timeoutMs = 15000): Promise<Message> {
    return new Promise((res, rej) => {
      let checked = since;
      const check = () => {
        for (; checked < this.log.length; checked++) {
          if (pred(this.log[checked])) { done(); res(this.log[checked]); return true; }
        }
        return false;
      };
      const timer = setTimeout(() => { done(); rej(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr.slice(0, 500)}`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== waiter); };
      const waiter = () => { check(); };
      this.waiters.push(waiter);
      check();
    });
  }

  /** Pushed diagnostics for `uri` (at `version`, when given), from message `since` on. */
  async diagnostics(uri: string, version?: number, since = 0): Promise<any[]> {
    const m = await this.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && (version === undefined || x.params.version === version), since, `diagnostics for ${uri} v${version}`);
    return m.params.diagnostics;
  }

  async initialize(opts: { root?: string; pull?: boolean; initializationOptions?: unknown; progress?: boolean } = {}): Promise<any> {
    const rootUri = opts.root ? pathToFileURL(opts.root).href : null;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...(opts.pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        window: { workDoneProgress: opts.progress ?? true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range?: Rng; text: string }>): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exited;
  }

  kill(): void { if (this.proc.exitCode === null) this.proc.kill('SIGKILL'); }
}

/** Applies LSP edits to a text (UTF-16 positions), as an editor would. */
export function applyLspEdits(text: string, edits: ReadonlyArray<Edit>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: Pos) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  for (const e of sorted) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

export function editsOf(action: any, uri: string): Edit[] {
  return action?.edit?.changes?.[uri] ?? [];
}

export const uriOf = (path: string) => pathToFileURL(path).href;
