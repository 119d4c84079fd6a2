// `kubehex report`: scan, build the posture data, write HTML (default), Markdown or JSON. Never fails on
// findings (that is `kubehex scan`'s job): exit 0 when written, 2 for usage or configuration errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { buildReport, parseBaseline, pssRuleIds, renderHtml, renderMarkdown, type BaselineFinding, type Config } from '../../engine';
import { rules } from '../../rules';
import { collectFiles } from '../files';
import { VERSION } from '../format';
import { findPolicies } from '../policies';
import { ruleSetFor, scan } from '../scan';
import { reportInput } from './input';

export interface ReportKit {
  paths: string[];
  flags: Map<string, string | true>;
  findConfig(start: string): string | undefined;
  loadConfig(file: string): Config;
  usage(message: string): Error;
  readStdin(): string;
  workerScript: string;
}

const FORMATS = ['html', 'md', 'json'] as const;
const PROFILES = ['recommended', 'pss-baseline', 'pss-restricted', 'all'];

/** Reads a baseline file (an earlier `kubehex scan --format json`, or a report's JSON). */
export function loadBaseline(file: string, usage: (m: string) => Error): { findings: BaselineFinding[]; score?: number } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw usage(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const b = parseBaseline(text);
  if ('error' in b) throw usage(`baseline ${file}: ${b.error}`);
  return b;
}

function str(kit: ReportKit, flag: string): string | undefined {
  const v = kit.flags.get(flag);
  if (v === true) throw kit.usage(`${flag} needs a value`);
  return v;
}

export async function cmdReport(kit: ReportKit): Promise<number> {
  const format = str(kit, '--format') ?? 'html';
  if (!(FORMATS as readonly string[]).includes(format)) throw kit.usage(`--format must be one of ${FORMATS.join(', ')}`);
  const profileFlag = str(kit, '--profile');
  if (profileFlag !== undefined && !PROFILES.includes(profileFlag)) throw kit.usage(`--profile must be one of ${PROFILES.join(', ')}`);
  const paths = kit.paths.length ? kit.paths : ['.'];
  const useStdin = paths.includes('-');
  const fsPaths = paths.filter((p) => p !== '-');
  const cfgFile = str(kit, '--config') ?? kit.findConfig(fsPaths[0] ?? '.');
  const config = cfgFile ? kit.loadConfig(cfgFile) : undefined;
  const mfs = str(kit, '--max-file-size');
  const maxFileSize = mfs !== undefined ? Number(mfs) * 1048576 : undefined;
  if (maxFileSize !== undefined && !(maxFileSize > 0)) throw kit.usage('--max-file-size must be a positive number of MB');
  const baselineFile = str(kit, '--baseline');
  const baseline = baselineFile ? loadBaseline(baselineFile, kit.usage) : undefined;
  const out = str(kit, '--out') ?? `kubehex-report.${format}`;
  const { files, missing } = collectFiles(fsPaths, { ignore: config?.ignore, ignoreBase: cfgFile ? dirname(resolve(cfgFile)) : process.cwd() });
  if (missing.length) throw kit.usage(`no such file or directory: ${missing.join(', ')}`);

  const settings = { config, profile: profileFlag, maxFileSize };
  const active = ruleSetFor(settings).rules.map((a) => a.rule.meta.id);
  const stdin = useStdin ? kit.readStdin() : undefined;
  // admission policies found in the scan are reported like built-in rules, as `kubehex scan` does
  const policies = findPolicies({ files, stdin, config, configFile: cfgFile, profile: profileFlag });
  const result = await scan({ ...settings, alsoRules: pssRuleIds(rules), files, stdin, workerScript: kit.workerScript, policies });
  for (const w of policies.warnings) process.stderr.write(`kubehex: warning: ${w}\n`);
  const policyRules = policies.rules;
  const input = reportInput({ result, rules: [...rules, ...policyRules], active: [...active, ...policyRules.map((r) => r.meta.id)], profile: profileFlag ?? config?.profile ?? 'recommended', paths, version: VERSION });
  if (baseline) input.baseline = { file: baselineFile!, ...baseline };
  const data = buildReport(input);
  const outDir = out === '-' ? process.cwd() : dirname(resolve(out));
  const text = format === 'json' ? JSON.stringify(data, null, 2) + '\n'
    : format === 'md' ? renderMarkdown(data)
    : renderHtml(data, { fileHref: (f) => (f === '<stdin>' ? undefined : relative(outDir, resolve(f)).split(sep).map(encodeURIComponent).join('/')) });
  if (out === '-') {
    process.stdout.write(text);
    return 0;
  }
  try { writeFileSync(out, text); } catch (e) { throw kit.usage(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const t = data.totals.counts;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  process.stdout.write(`kubehex: report written to ${out} (score ${data.overall.score}/100, grade ${data.overall.grade}; ${n(t.error, 'error')}, ${n(t.warning, 'warning')}, ${t.info} info${data.baseline ? `; since the baseline: ${data.baseline.summary}` : ''})\n`);
  return 0;
}
