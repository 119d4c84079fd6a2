import type { Diagnostic } from 'vscode-languageserver';
import type { RuleSet } from '../engine';
import { diagnosticsOf } from './analyzer';
import { DocLinter } from './doc-lint';
import { ObjectIndex } from './object-index';
import { PieceDocument } from './text-buffer';

/**
 * The language server's warm-up. A fresh server runs the linter's code in V8's interpreter; V8 compiles a function
 * to optimised code only after it has run for a while, on its background threads, so the first ~200 edits of a
 * session cost two to five times what later ones do, with spikes while the compilations land (the 300-line bench
 * file: the first 60 edits 2.4-3.9 ms of main-thread CPU each plus ~3 ms of compiler threads, later ones 1.4 ms;
 * edit-to-diagnostics p95 about 3x the warm one). So once a Kubernetes manifest is open and the server has been idle
 * for a while (the user reads the file they opened), it types into a small built-in manifest of its own and lints it the way an edit is linted
 * (piece document, chunk cache, cross-object pass, diagnostics), a few milliseconds of edits per timer turn, until
 * the code is warm. It lints with the rules the open documents get, but with a document and an object index of its
 * own: no workspace object, cache, diagnostic or message of the server sees it.
 */

/** A manifest in the shapes users write: block and flow maps, sequences, quoted values, several kinds. */
export const WARM_UP_SAMPLE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: kubehex-warm-up
  namespace: kubehex-warm-up
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubehex-warm-up
  namespace: kubehex-warm-up
  labels: {app: kubehex-warm-up, tier: backend}
spec:
  replicas: 3
  selector:
    matchLabels: {app: kubehex-warm-up}
  template:
    metadata:
      labels:
        app: kubehex-warm-up
    spec:
      serviceAccountName: kubehex-warm-up
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: registry.example.com/kubehex/warm-up:1.0.0
          ports:
            - containerPort: 8080
          env:
            - {name: LOG_LEVEL, value: info}
            - name: PORT
              value: "8080"
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits:
              cpu: 500m
              memory: 256Mi
          securityContext:
            privileged: false
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubehex-warm-up-worker
  labels:
    app: kubehex-warm-up-worker
spec:
  selector:
    matchLabels:
      app: kubehex-warm-up-worker
  template:
    metadata:
      labels: {app: kubehex-warm-up-worker}
    spec:
      hostNetwork: false
      containers:
        - name: worker
          image: kubehex/warm-up-worker
          args: ["--queue", "jobs"]
          envFrom:
            - configMapRef: {name: kubehex-warm-up}
          securityContext:
            capabilities:
              add: [NET_ADMIN]
        - name: sidecar
          image: busybox:1.36
          command: [sh, -c, 'sleep 3600']
          volumeMounts:
            - {name: data, mountPath: /data}
      volumes:
        - name: data
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: kubehex-warm-up
  namespace: kubehex-warm-up
spec:
  selector:
    app: kubehex-warm-up
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kubehex-warm-up
  namespace: kubehex-warm-up
data:
  mode: 'fast'
  level: "3"
`;

/** The values the warm-up toggles, in turn (each: a line of the sample and its two values). */
const TOGGLES: ReadonlyArray<{ line: string; a: string; b: string }> = [
  { line: '            privileged: false', a: 'false', b: 'true' },
  { line: '          image: kubehex/warm-up-worker', a: 'worker', b: 'worker:2.1' },
  { line: '  replicas: 3', a: '3', b: '1' },
  { line: '              add: [NET_ADMIN]', a: 'NET_ADMIN', b: 'SYS_TIME' },
  { line: '          image: registry.example.com/kubehex/warm-up:1.0.0', a: '1.0.0', b: 'latest' },
  { line: '      hostNetwork: false', a: 'false', b: 'true' },
  { line: '            readOnlyRootFilesystem: true', a: 'true', b: 'false' },
  { line: '        runAsNonRoot: true', a: 'true', b: 'false' },
  { line: "  mode: 'fast'", a: 'fast', b: 'slow' },
];

/** Edits the warm-up makes: ~0.9 s of CPU in all (a 2-core machine), the first ones 5-15 ms each, the last ~1.5 ms. */
export const WARM_UP_EDITS = 200;
/** Work (ms) of one turn of the warm-up: a message that arrives meanwhile waits at most this (and one edit) long. */
export const WARM_UP_TURN_MS = 3;
/** How long the server must have been idle before a warm-up edit (ms). */
export const WARM_UP_IDLE_MS = 200;

export interface WarmUpHost {
  /** The rules an open document would get now (no file: no `.kubehex.yaml`, no admission policy). */
  rules(): { set: RuleSet; key: string; localKey?: string; hints: ReadonlySet<string> };
  /** When the server last handled a message (performance.now()), and whether any work of its own is under way. */
  lastActivity(): number;
  busy(): boolean;
}

/** The warm-up's state; `start` once a manifest is open, `stop` on shutdown. */
export class WarmUp {
  /** Edits linted so far. */
  edits = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private started = false;
  /** The sample and its linter (with an object index of its own), dropped when the warm-up ends. */
  private doc?: PieceDocument;
  private linter?: DocLinter;
  private readonly uri = 'kubehex-warm-up:/sample.yaml';
  /** Each toggle's line and whether it holds its second value. */
  private readonly state = TOGGLES.map((t) => ({ ...t, row: WARM_UP_SAMPLE.split('\n').indexOf(t.line), on: false }));

  constructor(private readonly host: WarmUpHost, readonly total = WARM_UP_EDITS, readonly idleMs = WARM_UP_IDLE_MS) {
    for (const s of this.state) if (s.row < 0) throw new Error(`warm-up sample lacks ${JSON.stringify(s.line)}`);
  }

  get done(): boolean { return this.edits >= this.total; }

  /** Starts it (once: later calls do nothing). */
  start(): void {
    if (this.started || this.done || this.stopped) return;
    this.started = true;
    this.wait(this.idleMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.release();
  }

  /**
   * The next turn after `ms`. A timer, not setImmediate: a message read from the client meanwhile is handled (its
   * handler marks the server active) before the next turn looks at whether the server is idle.
   */
  private wait(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.turn(); }, Math.max(1, ms));
    this.timer.unref?.();
  }

  private async turn(): Promise<void> {
    if (this.stopped || this.done) return;
    const quiet = performance.now() - this.host.lastActivity();
    if (this.host.busy() || quiet < this.idleMs) {
      this.wait(this.host.busy() ? this.idleMs : this.idleMs - quiet);
      return;
    }
    try {
      // edits back to back for up to WARM_UP_TURN_MS (a timer turn costs a millisecond or more on a busy machine)
      const t0 = performance.now();
      do await this.step();
      while (!this.done && !this.stopped && performance.now() - t0 < WARM_UP_TURN_MS);
    } catch {
      // a warm-up is no lint anyone waits for: whatever it hit, the server goes on without it
      this.edits = this.total;
    }
    if (this.done || this.stopped) this.release();
    else this.wait(1);
  }

  private release(): void {
    this.doc = undefined;
    this.linter = undefined;
  }

  /** One edit of the sample (the first one opens it), linted and turned into diagnostics as the server would. */
  async step(): Promise<Diagnostic[]> {
    const { set, key, localKey, hints } = this.host.rules();
    let version: number;
    if (!this.doc) {
      this.doc = new PieceDocument(this.uri, 'yaml', 1, WARM_UP_SAMPLE);
      this.linter = new DocLinter(this.uri, undefined, new ObjectIndex());
      for (const t of this.state) t.on = false;
      version = 1;
    } else {
      const s = this.state[(this.edits - 1) % this.state.length];
      const [from, to] = s.on ? [s.b, s.a] : [s.a, s.b];
      const col = this.doc.getText({ start: { line: s.row, character: 0 }, end: { line: s.row + 1, character: 0 } }).lastIndexOf(from);
      version = this.doc.version + 1;
      this.doc.update([{ range: { start: { line: s.row, character: col }, end: { line: s.row, character: col + from.length } }, text: to }], version);
      s.on = !s.on;
    }
    const result = await this.linter!.lint(this.doc.source(), version, set, key, () => undefined, localKey ?? key);
    const diagnostics = diagnosticsOf(result, this.uri, version, hints);
    // what the connection does with them: the JSON of the message
    JSON.stringify({ uri: this.uri, version, diagnostics });
    this.edits++;
    return diagnostics;
  }
}
