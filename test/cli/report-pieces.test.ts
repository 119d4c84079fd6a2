import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { formatJson, formatStylish, JsonReport, piece, StylishReport, type Piece, type PieceSpec } from '../../cli/format';
import { scan, type FileResult } from '../../cli/scan';
import { renderers } from '../../render';
import { POD, VALUES, toyRenderer } from '../render/toy-renderer';
import { BIN, ROOT, tempDir } from './helpers';

// A streamed report (JSON, stylish) is built from each file's piece (cli/format.ts piece): the thread that
// finishes a file builds it, a worker for its own files (posted with its text as UTF-8 bytes), and the main
// thread writes the pieces in file order.

const WORKER = join(ROOT, 'dist', 'cli.js');
const SPECS: PieceSpec[] = [{ format: 'json' }, { format: 'stylish', color: false }, { format: 'stylish', color: true }];

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n${extra}`;
const PRIVILEGED = '      securityContext:\n        privileged: true\n        capabilities:\n          add: [SYS_ADMIN]\n';

/**
 * A small tree: fixes of both kinds, a file of 300+ findings, a cross-file pair, an unreadable and a skipped file,
 * a file whose name is not ASCII.
 */
function tree(): { dir: string; files: string[] } {
  const dir = join(tempDir(), 'files');
  mkdirSync(dir);
  for (let i = 0; i < 10; i++) writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.yaml`), pod(`p${i}`, i % 3 === 0 ? PRIVILEGED : ''));
  writeFileSync(join(dir, 'p03-many.yaml'), Array.from({ length: 40 }, (_, i) => pod(`m${i}`, PRIVILEGED)).join('---\n'));
  writeFileSync(join(dir, 'p05-bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
  writeFileSync(join(dir, 'p07-notes.yaml'), 'just: some\nother: yaml\n');
  writeFileSync(join(dir, 'p07-ünïcode-€.yaml'), pod('u', PRIVILEGED));
  writeFileSync(join(dir, 'p08-sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: shop\nautomountServiceAccountToken: true\n');
  writeFileSync(join(dir, 'p09-deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: builder\n      containers:\n        - name: web\n          image: nginx:1.27\n');
  return { dir, files: readdirSync(dir).sort().map((f) => join(dir, f)) };
}

/** A piece with its text as a string (a worker's piece comes with UTF-8 bytes). */
const asText = (p: Piece): Piece => ({ ...p, text: typeof p.text === 'string' ? p.text : new TextDecoder().decode(p.text) });

/** Pieces built by a plain worker thread for the given results, posted as a scan's worker posts them. */
function piecesInWorker(spec: PieceSpec, results: FileResult[]): Promise<Piece[]> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const { piece, sendable } = require(${JSON.stringify(join(__dirname, '..', '..', 'cli', 'format.js'))});
const sent = workerData.results.map((r) => sendable(piece(workerData.spec, r)));
parentPort.postMessage(sent.map((s) => s.piece), sent.flatMap((s) => s.transfer));`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { spec, results } });
    w.once('message', (m: Piece[]) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
}

async function scanPieces(spec: PieceSpec, files: string[], workers: number): Promise<Piece[]> {
  const got: Piece[] = [];
  const res = await scan({ files, workers, workerScript: WORKER, lean: true, pieces: { spec, onPiece: (p) => got.push(p) } });
  assert.equal(res.results.length, 0, 'a scan that gives pieces keeps no results');
  return got;
}

describe('cli: report pieces built in any thread', function () {
  this.timeout(120000);

  it('a scan on 2 threads gives the pieces of the 1-thread scan, which are those of the collected results', async () => {
    const { files } = tree();
    const collected = (await scan({ files, workers: 1, lean: true })).results;
    assert.ok(collected.some((r) => r.findings.length > 256), 'a file with more findings than the old batch');
    assert.ok(collected.some((r) => r.findings.some((f) => f.fix?.safety === 'safe')) && collected.some((r) => r.findings.some((f) => f.fix?.safety === 'review')));
    assert.ok(collected.some((r) => r.errors.length) && collected.some((r) => r.skipped));
    const deal = process.env.KUBEHEX_SCAN_DEAL;
    process.env.KUBEHEX_SCAN_DEAL = '1';
    try {
      for (const spec of SPECS) {
        const want = collected.map((r) => piece(spec, r));
        const one = await scanPieces(spec, files, 1);
        assert.ok(one.every((p) => typeof p.text === 'string'));
        assert.deepEqual(one, want, `${JSON.stringify(spec)}, 1 thread`);
        const two = await scanPieces(spec, files, 2);
        // the worker's files come as bytes: it built their pieces
        assert.ok(two.some((p) => p.text instanceof Uint8Array) && two.some((p) => typeof p.text === 'string' && p.text.length > 0));
        assert.deepEqual(two.map(asText), want, `${JSON.stringify(spec)}, 2 threads`);
      }
    } finally {
      if (deal === undefined) delete process.env.KUBEHEX_SCAN_DEAL; else process.env.KUBEHEX_SCAN_DEAL = deal;
    }
    // the pieces hold the text the reports write: the stylish piece of the many-findings file, exactly
    const many = collected.find((r) => r.file.endsWith('p03-many.yaml'))!;
    const p = piece({ format: 'stylish', color: false }, many);
    assert.equal(p.format, 'stylish');
    assert.equal(p.text, formatStylish({ files: 1, results: [many] }, false).split('\n✖')[0]);
  });

  it('a worker thread builds the pieces the main thread builds: fixes, errors, skipped files, rendered traces', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'kubehex-pieces-')));
    renderers.unshift(toyRenderer);
    const cwd = process.cwd();
    try {
      mkdirSync(join(dir, 'chart/templates'), { recursive: true });
      writeFileSync(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: toy\nversion: 0.1.0\n');
      writeFileSync(join(dir, 'chart/values.yaml'), VALUES);
      writeFileSync(join(dir, 'chart/templates/a.yaml'), POD('a'));
      writeFileSync(join(dir, 'plain-ü.yaml'), pod('plain', PRIVILEGED));
      writeFileSync(join(dir, 'bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
      const files = ['chart/Chart.yaml', 'chart/values.yaml', 'chart/templates/a.yaml', 'plain-ü.yaml', 'bad.yaml'].map((f) => join(dir, f));
      const results = (await scan({ files, lean: true })).results;
      // paths are shown relative to the working directory, which the worker shares
      process.chdir(dir);
      const json = JSON.parse(formatJson({ files: files.length, results })) as { findings: Array<{ file: string; trace?: Array<{ file: string }>; rendered?: unknown }>; errors: unknown[]; skipped: unknown[] };
      const rendered = json.findings.find((f) => f.rendered);
      assert.deepEqual([rendered?.file, rendered?.rendered, rendered?.trace?.map((t) => t.file)], ['chart/values.yaml', { source: 'chart' }, ['chart/templates/a.yaml']]);
      assert.ok(json.findings.some((f) => f.file === 'plain-ü.yaml') && json.errors.length === 1 && json.skipped.length >= 1);
      for (const spec of SPECS) {
        const here = results.map((r) => piece(spec, r));
        const there = await piecesInWorker(spec, results);
        assert.deepEqual(there.map(asText), here, JSON.stringify(spec));
        assert.ok(there.filter((p) => p.text.length).every((p) => p.text instanceof Uint8Array));
        // and the report written from either is the report of the results
        for (const pieces of [here, there]) {
          const chunks: Buffer[] = [];
          const write = (c: string | Uint8Array) => { chunks.push(Buffer.from(c)); };
          const report = spec.format === 'json' ? new JsonReport(files.length, write) : new StylishReport(files.length, spec.color, {}, write);
          for (const p of pieces) report.addPiece(p);
          report.end();
          assert.equal(Buffer.concat(chunks).toString('utf8'), spec.format === 'json' ? formatJson({ files: files.length, results }) : formatStylish({ files: files.length, results }, spec.color));
        }
      }
    } finally {
      process.chdir(cwd);
      renderers.splice(renderers.indexOf(toyRenderer), 1);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kubehex scan on 2 threads writes the bytes and exit code of 1 thread (JSON, stylish, --fail-on)', () => {
    const { dir } = tree();
    const run = (args: string[], workers: number) => {
      const r = spawnSync(process.execPath, [BIN, 'scan', dir, ...args], {
        cwd: ROOT, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, KUBEHEX_WORKERS: String(workers), KUBEHEX_SCAN_DEAL: '1', NO_COLOR: '1' },
      });
      return { code: r.status, stdout: r.stdout };
    };
    for (const args of [['--format', 'json'], ['--format', 'json', '--fail-on', 'none'], [], ['--no-color', '--fail-on', 'info']]) {
      const one = run(args, 1);
      const two = run(args, 2);
      assert.equal(two.stdout, one.stdout, args.join(' '));
      assert.equal(two.code, one.code, args.join(' '));
      assert.equal(one.code, args.includes('none') ? 0 : 1);
    }
    const json = JSON.parse(run(['--format', 'json'], 2).stdout) as { findings: Array<{ file: string }> };
    const order = json.findings.map((f) => f.file);
    assert.deepEqual(order, [...order].sort());
    assert.ok(order.filter((f) => f.endsWith('p03-many.yaml')).length > 256);
    assert.ok(order.some((f) => f.endsWith('p07-ünïcode-€.yaml')));
  });
});
