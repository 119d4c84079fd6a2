import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decodeBytes, SEVERITY_RANK } from '../engine';
import { fixableRules, rules } from '../rules';
import { findConfig, loadConfig } from './config';
import { collectFiles } from './files';
import { fixFiles } from './fix';
import { formatSarif, formatStylish, JsonReport, StylishReport, VERSION, worstSeverity, type Chunk, type Piece } from './format';
import { renderRulesMarkdown, ruleJson } from './rules-doc';
import { DEFAULT_MAX_FILE_SIZE, mayUseWorkers, runWorker, scan, startScanWorker, type ScanResult, type ScanWorker } from './scan';
import { findPolicies } from './policies';
import { cmdReport, loadBaseline } from './report/command';
import type { RenderOptions } from '../render';
import { dropBaselined } from './report/baseline-filter';
import { RENDER_FLAGS_HELP, takeRenderFlags } from './render-flags';
import { cmdRender } from './render';
import { packageDocsBase } from '../host';
import { oneOf, parseArgs, UsageError, VALUE_FLAGS, type Args } from './usage';

const HELP = `kubehex ${VERSION} — Kubernetes manifest security linter

Usage:
  kubehex scan [PATH...] [options]   lint files or folders (default: .); "-" reads standard input
  kubehex report [PATH...] [--format html|md|json] [--out FILE] [--profile NAME] [--baseline FILE]
                                     posture report (default: HTML to kubehex-report.html; --out - for stdout)
  kubehex rules [--format json|markdown] [--docs-url URL]
  kubehex render PATH [render options]
                                     print what helm template prints for a chart directory, or what
                                     kubectl kustomize prints for a kustomization directory; exit 1 when it
                                     does not render (FILE:LINE:COL: and the tool's message on stderr)
  kubehex lsp --stdio                run the language server for any LSP editor

Scan options:
  --format stylish|json|sarif   output format (default: stylish)
  --config FILE                 use this .kubehex.yaml instead of the nearest one
  --profile NAME                recommended (default) | pss-baseline | pss-restricted | all
  --fail-on LEVEL               error (default) | warning | info | none
  --fix                         apply safe fixes in place (atomically), then report what remains
  --max-file-size MB            skip larger files, and refuse larger .kubehex.yaml/.gitignore (default 64)
  --no-color                    plain stylish output
  --baseline FILE               report and fail only on findings not in FILE (an earlier --format json output)
  --docs-url URL                where the rule pages are served (URL of the folder holding README.md and
                                rules/): SARIF helpUri and rules' docs link there (default: package.json
                                homepage; without either, no links: SARIF carries each rule page's text)

${RENDER_FLAGS_HELP}
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.
`;

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

function readStdin(): string {
  const bytes = readFileSync(0);
  const d = decodeBytes(bytes);
  if (!d.ok) throw new UsageError(`standard input: ${d.error.message}`);
  return d.text;
}

/**
 * Standard output taken in pieces and written about a megabyte at a time (a large report is never held whole).
 * `before` runs before each write (the scan's progress line on a terminal is cleared first). Text and bytes
 * (a report piece built by a worker thread: see cli/format.ts sendable) are written in the order given.
 */
function piecewiseStdout(before?: () => void): { write: (chunk: Chunk) => void; flush: () => void } {
  let text = '';
  const parts: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (text) { parts.push(Buffer.from(text)); text = ''; }
    if (!parts.length) return;
    before?.();
    process.stdout.write(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    parts.length = 0;
    size = 0;
  };
  const write = (chunk: Chunk) => {
    if (typeof chunk === 'string') {
      text += chunk;
      size += chunk.length;
    } else {
      if (text) { parts.push(Buffer.from(text)); text = ''; }
      parts.push(chunk);
      size += chunk.length;
    }
    if (size >= 1 << 20) flush();
  };
  return { write, flush };
}

/**
 * A scan of a folder may run on two threads: its worker starts now and loads the bundle while this thread reads the
 * configuration, lists the files and looks for policies (the scan terminates it at once if it runs in one thread).
 */
async function cmdScan(args: Args & { render?: RenderOptions }, entry: Entry): Promise<number> {
  const paths = args.paths.length ? args.paths : ['.'];
  const early: ScanWorker[] = mayUseWorkers(paths.filter((p) => p !== '-'), paths.includes('-')) ? [startScanWorker(entry.workerScript)] : [];
  try {
    return await scanCommand(args, entry, early);
  } finally {
    for (const w of early) void w.worker.terminate();
  }
}

async function scanCommand(args: Args & { render?: RenderOptions }, entry: Entry, early: ScanWorker[]): Promise<number> {
  const format = oneOf('--format', args.flags.get('--format'), ['stylish', 'json', 'sarif'], 'stylish');
  const docsBase = docsBaseOf(args);
  const profile = args.flags.get('--profile');
  if (profile !== undefined) oneOf('--profile', profile, ['recommended', 'pss-baseline', 'pss-restricted', 'all'], 'recommended');
  const paths = args.paths.length ? args.paths : ['.'];
  const useStdin = paths.includes('-');
  const fsPaths = paths.filter((p) => p !== '-');
  const mfs = args.flags.get('--max-file-size');
  const maxFileSize = typeof mfs === 'string' ? Number(mfs) * 1048576 : DEFAULT_MAX_FILE_SIZE;
  if (!(maxFileSize > 0)) throw new UsageError('--max-file-size must be a positive number of MB');
  const cfgFlag = args.flags.get('--config');
  const cfgFile = typeof cfgFlag === 'string' ? cfgFlag : findConfig(fsPaths[0] ?? '.');
  const config = cfgFile ? loadConfig(cfgFile, maxFileSize) : undefined;
  const failOn = oneOf('--fail-on', args.flags.get('--fail-on'), ['error', 'warning', 'info', 'none'], config?.failOn ?? 'error');
  const { files, missing, warnings } = collectFiles(fsPaths, { ignore: config?.ignore, ignoreBase: cfgFile ? dirname(resolve(cfgFile)) : process.cwd(), maxFileSize });
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  for (const v of args.render?.helm?.values ?? []) if (!isFile(v)) throw new UsageError(`--values ${v}: no such file`);
  if (args.render?.helm?.values) args.render.helm.values = args.render.helm.values.map((v) => resolve(v));
  if (args.flags.has('--fix') && useStdin) throw new UsageError('--fix cannot be combined with standard input (-)');
  for (const w of warnings) process.stderr.write(`kubehex: warning: ${w}\n`);
  const configDir = cfgFile ? dirname(resolve(cfgFile)) : undefined;
  const settings = { config, configDir, render: args.render, profile: typeof profile === 'string' ? profile : undefined, maxFileSize };

  const baselineFile = args.flags.get('--baseline');
  const baseline = typeof baselineFile === 'string' ? loadBaseline(baselineFile, (m) => new UsageError(m)) : undefined;
  // a symlink is fixed through to its target only inside the working directory or a scanned folder
  const roots = [process.cwd(), ...fsPaths.map((p) => (isDirectory(p) ? p : dirname(resolve(p))))];
  const fixed = args.flags.has('--fix') ? fixFiles(files, settings, roots) : undefined;
  const tty = process.stderr.isTTY && format === 'stylish' || (process.stderr.isTTY && files.length > 50);
  let lastDraw = 0;
  let drawn = false;
  const onProgress = tty ? (done: number, total: number) => {
    const now = Date.now();
    if (now - lastDraw < 80 && done < total) return;
    lastDraw = now;
    drawn = true;
    process.stderr.write(`\rkubehex: scanned ${done}/${total} files`);
  } : undefined;
  const stdin = useStdin ? readStdin() : undefined;
  // the JSON and stylish reports are written as the files are done, so that a large scan's findings are never
  // all held; SARIF lists the rules found before the results, and --baseline matches over every finding: those
  // are written once the scan is over
  const color = !args.flags.has('--no-color') && !!process.stdout.isTTY && !process.env.NO_COLOR;
  const stdout = piecewiseStdout(() => { if (drawn && process.stdout.isTTY) { process.stderr.write('\r\x1b[K'); drawn = false; } });
  const total = files.length + (stdin !== undefined ? 1 : 0);
  const streamed = baseline || format === 'sarif' ? undefined : format === 'json' ? new JsonReport(total, stdout.write) : new StylishReport(total, color, { afterFix: !!fixed }, stdout.write);
  let worst = 0;
  // each file's piece of the report is built by the thread that finished the file (a worker for its own files)
  const pieces = streamed ? { spec: streamed.spec, onPiece: (p: Piece) => { worst = Math.max(worst, p.worst); streamed.addPiece(p); } } : undefined;
  // admission policies in the scan run on the scan's own parse of each file
  const policies = findPolicies({ files, stdin, config, configFile: cfgFile, profile: settings.profile });
  // Ctrl-C stops a long scan between files (worker threads included); a second one kills as usual
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  process.once('SIGINT', onInterrupt);
  let result: ScanResult;
  try {
    // the results are only written as a report: a fix is kept as its safety (ScanSettings.lean)
    result = await scan({ ...settings, files, stdin, workerScript: entry.workerScript, early, onProgress, policies, signal: interrupt.signal, pieces, lean: true });
  } catch (e) {
    if (!interrupt.signal.aborted) throw e;
    if (onProgress) process.stderr.write('\r\x1b[K');
    process.stderr.write('kubehex: scan cancelled\n');
    return 130;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (onProgress) { process.stderr.write('\r\x1b[K'); drawn = false; }
  for (const w of policies.warnings) process.stderr.write(`kubehex: warning: ${w}\n`);
  const policyRules = policies.rules;
  if (baseline) {
    const known = dropBaselined(result, baseline.findings);
    if (known) process.stderr.write(`kubehex: ${known} finding${known === 1 ? '' : 's'} already in the baseline not shown\n`);
  }

  if (streamed) streamed.end();
  else if (format === 'json') { const report = new JsonReport(result.files, stdout.write); for (const r of result.results) report.add(r); report.end(); }
  else stdout.write(format === 'sarif' ? formatSarif(result, [...rules, ...policyRules], docsBase) : formatStylish(result, color, { afterFix: !!fixed }));
  stdout.flush();
  if (fixed) {
    for (const n of fixed.notes) process.stderr.write(`kubehex: ${n}\n`);
    if (fixed.applied) process.stderr.write(`kubehex: applied ${fixed.applied} safe fix${fixed.applied === 1 ? '' : 'es'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}\n`);
  }
  if (failOn === 'none') return 0;
  return (streamed ? worst : worstSeverity(result)) >= SEVERITY_RANK[failOn as 'error'] ? 1 : 0;
}

/** The docs base URL: `--docs-url`, else package.json's `homepage`, else none (no web links at all). */
function docsBaseOf(args: Args): string | undefined {
  const v = args.flags.get('--docs-url');
  if (v === undefined) return packageDocsBase();
  if (v === true || !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v)) throw new UsageError('--docs-url must be an http(s) URL without query or fragment, e.g. https://example.com/kubehex/');
  return v.endsWith('/') ? v : `${v}/`;
}

function cmdRules(args: Args): number {
  const format = oneOf('--format', args.flags.get('--format'), ['json', 'markdown'], 'json');
  const docsBase = docsBaseOf(args);
  if (format === 'json') process.stdout.write(JSON.stringify(rules.map((r) => ruleJson(r, fixableRules, docsBase)), null, 2) + '\n');
  else process.stdout.write(renderRulesMarkdown(rules, fixableRules, docsBase ? `${docsBase}rules/` : ''));
  return 0;
}

function cmdLsp(args: Args): number {
  // the server is a sibling bundle (dist/server.js); cli and server never import each other's code
  const candidates = [join(__dirname, 'server.js'), join(__dirname, '..', 'server', 'main.js'), join(__dirname, '..', 'dist', 'server.js')];
  const target = candidates.find((c) => existsSync(c));
  if (!target) throw new UsageError('language server bundle not found (run npm run build)');
  const transport = ['--stdio', '--node-ipc', '--socket', '--pipe'].find((t) => args.flags.has(t));
  if (!transport) throw new UsageError('lsp: say how the editor talks to the server: `kubehex lsp --stdio` (the usual setting in an editor\'s LSP client configuration; VS Code starts the server itself)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(target) as { startServer?: (kind?: string) => void };
  if (typeof mod.startServer === 'function' && !(mod as { started?: boolean }).started) mod.startServer(transport === '--stdio' ? 'stdio' : undefined);
  return -1;
}

/**
 * How the CLI was started: `workerScript` is what a scan's worker threads run (bin/kubehex.js, which loads the
 * bundle with its code cache), this bundle itself by default.
 */
export interface Entry { workerScript: string }

/** The subcommands; each returns its exit code (-1: keeps running, e.g. the language server). */
const COMMANDS: Record<string, (args: Args, entry: Entry) => number | Promise<number>> = {
  scan: (args, entry) => cmdScan(args, entry),
  report: (args, entry) => cmdReport({ ...args, findConfig, loadConfig: (f) => loadConfig(f, DEFAULT_MAX_FILE_SIZE), usage: (m) => new UsageError(m), readStdin, workerScript: entry.workerScript }),
  rules: cmdRules,
  lsp: cmdLsp,
};

export async function main(argv: string[], entry?: Partial<Entry>): Promise<number> {
  try {
    if (argv[0] === 'render' && !argv.includes('--help') && !argv.includes('-h')) {
      return cmdRender(argv.slice(1), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    }
    // scan takes the render flags of `kubehex render` (repeatable ones too): taken out before the common parser
    const taken = argv[0] === 'scan' ? takeRenderFlags(argv) : undefined;
    const args: Args & { render?: RenderOptions } = { ...parseArgs(taken ? taken.rest : argv), ...(taken ? { render: taken.render } : {}) };
    if (args.flags.has('--version') || args.command === '--version') { process.stdout.write(`${VERSION}\n`); return 0; }
    if (args.flags.has('--help') || args.flags.has('-h') || args.command === 'help' || args.command === '--help' || args.command === '-h') { process.stdout.write(HELP); return 0; }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, args.command) ? COMMANDS[args.command] : undefined;
    if (!command) throw new UsageError(`unknown command "${args.command}" (see kubehex --help)`);
    if (args.command !== 'lsp') quietOnClosedPipe();
    return await command(args, { workerScript: entry?.workerScript ?? __filename });
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(e.message.split('\n').map((l) => `kubehex: ${l}\n`).join('')); return 2; }
    process.stderr.write(`kubehex: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

/**
 * `kubehex rules | head`: the reader went away, which is normal for a pipeline; stop writing and exit with the
 * status the command would have had, without a stack trace (Node ignores SIGPIPE and reports EPIPE instead).
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }
}

if (!isMainThread && (workerData as { kubehexWorker?: boolean } | undefined)?.kubehexWorker) {
  runWorker(parentPort!);
} else if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
