import { existsSync, readFileSync, renameSync, statSync, writeFileSync, chmodSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { applyFixes, decodeBytes, parseConfig, SEVERITY_RANK, type Config } from '../engine';
import { fixableRules, ruleIds, rules } from '../rules';
import { collectFiles } from './files';
import { formatJson, formatSarif, formatStylish, VERSION, worstSeverity } from './format';
import { renderRulesMarkdown, ruleJson } from './rules-doc';
import { ruleSetFor, runWorker, scan, type ScanResult } from './scan';
import { addPolicyFindings } from './policies';
import { cmdReport, loadBaseline } from './report/command';
import { dropBaselined } from './report/baseline-filter';
import { cmdRender } from './render';

const HELP = `kubehex ${VERSION} — Kubernetes manifest security linter

Usage:
  kubehex scan [PATH...] [options]   lint files or folders (default: .); "-" reads standard input
  kubehex report [PATH...] [--format html|md|json] [--out FILE] [--profile NAME] [--baseline FILE]
                                     posture report (default: HTML to kubehex-report.html; --out - for stdout)
  kubehex rules [--format json|markdown]
  kubehex render PATH [--load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone]
                                     print what kubectl kustomize prints for a kustomization directory
  kubehex lsp --stdio                run the language server for any LSP editor

Scan options:
  --format stylish|json|sarif   output format (default: stylish)
  --config FILE                 use this .kubehex.yaml instead of the nearest one
  --profile NAME                recommended (default) | pss-baseline | pss-restricted | all
  --fail-on LEVEL               error (default) | warning | info | none
  --fix                         apply safe fixes in place (atomically), then report what remains
  --max-file-size MB            skip larger files with an error entry (default 64)
  --no-color                    plain stylish output
  --baseline FILE               report and fail only on findings not in FILE (an earlier --format json output)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.
`;

class UsageError extends Error {}

interface Args { command: string; paths: string[]; flags: Map<string, string | true> }

const VALUE_FLAGS = new Set(['--format', '--config', '--profile', '--fail-on', '--max-file-size', '--out', '--baseline']);
const BOOL_FLAGS = new Set(['--fix', '--no-color', '--stdio', '--help', '-h', '--version', '--node-ipc']);

function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const paths: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    let a = rest[i];
    if (a.startsWith('--') && a.includes('=')) {
      const [k, v] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      if (!VALUE_FLAGS.has(k)) throw new UsageError(`unknown option ${k}`);
      flags.set(k, v);
      continue;
    }
    if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      flags.set(a, v);
    } else if (BOOL_FLAGS.has(a) || a.startsWith('--clientProcessId')) {
      flags.set(a, true);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a} (see kubehex --help)`);
    } else {
      paths.push(a);
    }
    a = '';
  }
  return { command, paths, flags };
}

function oneOf(flag: string, v: string | true | undefined, allowed: string[], dflt: string): string {
  if (v === undefined) return dflt;
  if (v === true || !allowed.includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return v;
}

function findConfig(start: string): string | undefined {
  let d = resolve(start);
  try { if (!statSync(d).isDirectory()) d = dirname(d); } catch { d = process.cwd(); }
  for (let i = 0; i < 64; i++) {
    const f = join(d, '.kubehex.yaml');
    if (existsSync(f)) return f;
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function loadConfig(file: string): Config {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code}`); }
  const res = parseConfig(text, file, ruleIds);
  if ('error' in res) throw new UsageError(`${res.error.file}:${res.error.line}:${res.error.character}: ${res.error.message}`);
  return res.config;
}

function readStdin(): string {
  const bytes = readFileSync(0);
  const d = decodeBytes(bytes);
  if (!d.ok) throw new UsageError(`standard input: ${d.error.message}`);
  return d.text;
}

function writeAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.kubehex-${process.pid}.tmp`);
  const mode = statSync(file).mode;
  try {
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

async function cmdScan(args: Args): Promise<number> {
  const format = oneOf('--format', args.flags.get('--format'), ['stylish', 'json', 'sarif'], 'stylish');
  const profile = args.flags.get('--profile');
  if (profile !== undefined) oneOf('--profile', profile, ['recommended', 'pss-baseline', 'pss-restricted', 'all'], 'recommended');
  const paths = args.paths.length ? args.paths : ['.'];
  const useStdin = paths.includes('-');
  const fsPaths = paths.filter((p) => p !== '-');
  const cfgFlag = args.flags.get('--config');
  const cfgFile = typeof cfgFlag === 'string' ? cfgFlag : findConfig(fsPaths[0] ?? '.');
  const config = cfgFile ? loadConfig(cfgFile) : undefined;
  const failOn = oneOf('--fail-on', args.flags.get('--fail-on'), ['error', 'warning', 'info', 'none'], config?.failOn ?? 'error');
  const mfs = args.flags.get('--max-file-size');
  const maxFileSize = typeof mfs === 'string' ? Number(mfs) * 1048576 : undefined;
  if (maxFileSize !== undefined && !(maxFileSize > 0)) throw new UsageError('--max-file-size must be a positive number of MB');
  const { files, missing } = collectFiles(fsPaths, { ignore: config?.ignore, ignoreBase: cfgFile ? dirname(resolve(cfgFile)) : process.cwd() });
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  if (args.flags.has('--fix') && useStdin) throw new UsageError('--fix cannot be combined with standard input (-)');
  const settings = { config, profile: typeof profile === 'string' ? profile : undefined, maxFileSize };

  let fixedFiles = 0;
  let fixesApplied = 0;
  if (args.flags.has('--fix')) {
    const set = ruleSetFor(settings);
    for (const f of files) {
      let text: string;
      try {
        const d = decodeBytes(readFileSync(f));
        if (!d.ok) continue;
        text = d.text;
      } catch { continue; }
      const res = applyFixes(text, set, (x) => x.fix?.safety === 'safe');
      if (res.applied.length && res.text !== text) {
        const bom = readFileSync(f).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
        writeAtomic(f, bom + res.text);
        fixedFiles++;
        fixesApplied += res.applied.length;
      }
    }
  }

  const tty = process.stderr.isTTY && format === 'stylish' || (process.stderr.isTTY && files.length > 50);
  let lastDraw = 0;
  const onProgress = tty ? (done: number, total: number) => {
    const now = Date.now();
    if (now - lastDraw < 80 && done < total) return;
    lastDraw = now;
    process.stderr.write(`\rkubehex: scanned ${done}/${total} files`);
  } : undefined;
  const baselineFile = args.flags.get('--baseline');
  const baseline = typeof baselineFile === 'string' ? loadBaseline(baselineFile, (m) => new UsageError(m)) : undefined;
  const stdin = useStdin ? readStdin() : undefined;
  const result: ScanResult = await scan({ ...settings, files, stdin, workerScript: __filename, onProgress });
  if (onProgress) process.stderr.write('\r\x1b[K');
  const policyRules = addPolicyFindings(result, { files, stdin, config, configFile: cfgFile, profile: settings.profile }, (m) => process.stderr.write(`kubehex: warning: ${m}\n`));
  if (baseline) {
    const known = dropBaselined(result, baseline.findings);
    if (known) process.stderr.write(`kubehex: ${known} finding${known === 1 ? '' : 's'} already in the baseline not shown\n`);
  }

  const out = format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, [...rules, ...policyRules]) : formatStylish(result, !args.flags.has('--no-color') && !!process.stdout.isTTY && !process.env.NO_COLOR);
  process.stdout.write(out);
  if (fixesApplied) process.stderr.write(`kubehex: applied ${fixesApplied} safe fix${fixesApplied === 1 ? '' : 'es'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);
  if (failOn === 'none') return 0;
  return worstSeverity(result) >= SEVERITY_RANK[failOn as 'error'] ? 1 : 0;
}

function cmdRules(args: Args): number {
  const format = oneOf('--format', args.flags.get('--format'), ['json', 'markdown'], 'json');
  if (format === 'json') process.stdout.write(JSON.stringify(rules.map((r) => ruleJson(r, fixableRules)), null, 2) + '\n');
  else process.stdout.write(renderRulesMarkdown(rules, fixableRules, 'https://github.com/kubehex/kubehex/blob/main/rules/'));
  return 0;
}

function cmdLsp(): void {
  // the server is a sibling bundle (dist/server.js); cli and server never import each other's code
  const candidates = [join(__dirname, 'server.js'), join(__dirname, '..', 'server', 'main.js'), join(__dirname, '..', 'dist', 'server.js')];
  const target = candidates.find((c) => existsSync(c));
  if (!target) throw new UsageError('language server bundle not found (run npm run build)');
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(target) as { startServer?: (kind?: string) => void };
  if (typeof mod.startServer === 'function' && !(mod as { started?: boolean }).started) mod.startServer('stdio');
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'render' && !argv.includes('--help') && !argv.includes('-h')) {
      return cmdRender(argv.slice(1), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    }
    const args = parseArgs(argv);
    if (args.flags.has('--version') || args.command === '--version') { process.stdout.write(`${VERSION}\n`); return 0; }
    if (args.flags.has('--help') || args.flags.has('-h') || args.command === 'help' || args.command === '--help' || args.command === '-h') { process.stdout.write(HELP); return 0; }
    switch (args.command) {
      case 'scan': return await cmdScan(args);
      case 'report': return await cmdReport({ ...args, findConfig, loadConfig, usage: (m) => new UsageError(m), readStdin, workerScript: __filename });
      case 'rules': return cmdRules(args);
      case 'lsp': cmdLsp(); return -1;
      default: throw new UsageError(`unknown command "${args.command}" (see kubehex --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`kubehex: ${e.message}\n`); return 2; }
    process.stderr.write(`kubehex: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (!isMainThread && (workerData as { kubehexWorker?: boolean } | undefined)?.kubehexWorker) {
  runWorker(workerData as Parameters<typeof runWorker>[0], parentPort!);
} else if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
