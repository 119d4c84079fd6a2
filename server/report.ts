// kubehex/report: the posture report of the workspace (the editor's "Show Security Posture"), built by the
// same pure builder as `kubehex report` over the workspace scan's results.
import { relative, sep } from 'node:path';
import { buildReport, pssRuleIds, renderedSourceOf, renderHtml, reportFinding, reportRule, resolveRules, type ReportData, type ReportFinding, type ReportObject } from '../engine';
import { rules } from '../rules';
import type { FileResult } from './scan-worker';

export interface ReportParams { folders?: string[]; exclude?: string[]; format?: 'html' | 'json'; workDoneToken?: string | number }

export interface ReportResult {
  score: number;
  grade: string;
  counts: { error: number; warning: number; info: number };
  /** The page (format html): findings carry `data-file` (absolute path) and 0-based `data-line`/`data-character`. */
  html?: string;
  data?: ReportData;
}

const VERSION = '0.1.0';

/** A path relative to the first folder that holds it, with forward slashes; else as it is. */
export function displayIn(folders: ReadonlyArray<string>, file: string): string {
  for (const f of folders) {
    const rel = relative(f, file);
    if (rel && !rel.startsWith('..')) return (folders.length > 1 ? `${f.split(sep).pop()}/${rel}` : rel).split(sep).join('/');
  }
  return file.split(sep).join('/');
}

/**
 * The PSS rules' findings of the workspace scan. A PSS rule's finding that yielded to another rule's on the same
 * place (meta.yieldsTo: a bare container's run-as-root, capabilities-not-dropped, … yield to no-security-context)
 * is not in the scan's results, so that finding stands for each active PSS rule that yields to it. This can name a
 * control the pod settles (a pod-level runAsNonRoot): the CLI's `kubehex report` judges on the PSS rules' own verdicts.
 */
function pssStandIns(findings: ReadonlyArray<ReportFinding>, pss: ReadonlySet<string>, active: ReadonlySet<string>): ReportFinding[] {
  const standsFor = new Map<string, string[]>();
  for (const r of rules) {
    if (!pss.has(r.meta.id) || !active.has(r.meta.id)) continue;
    for (const y of r.meta.yieldsTo ?? []) standsFor.set(y, [...(standsFor.get(y) ?? []), r.meta.id]);
  }
  return findings.flatMap((f) => (pss.has(f.ruleId) ? [f] : (standsFor.get(f.ruleId) ?? []).map((ruleId) => ({ ...f, ruleId }))));
}

export function workspaceReport(results: ReadonlyArray<FileResult>, folders: ReadonlyArray<string>, profile: string | undefined, format: 'html' | 'json'): ReportResult {
  const abs = new Map<string, string>();
  const findings: ReportFinding[] = [];
  const objects: ReportObject[] = [];
  const files: string[] = [];
  const errors: Array<{ file: string; message: string }> = [];
  for (const r of results) {
    if (r.skipped === 'template' || r.skipped === 'ignored') continue;
    const file = displayIn(folders, r.path);
    abs.set(file, r.path);
    files.push(file);
    for (const o of r.refs ?? []) objects.push({ ...o, namespace: o.namespace ?? null, file });
    for (const f of r.findings) {
      const source = renderedSourceOf(f);
      findings.push(reportFinding(f, file, source === undefined ? undefined : displayIn(folders, source)));
    }
    for (const e of r.errors) errors.push({ file, message: e.message });
  }
  const pss = new Set(pssRuleIds(rules));
  const active = new Set([...resolveRules(rules, undefined, profile).rules.map((a) => a.rule.meta.id), ...findings.map((f) => f.ruleId)]);
  const missing = [...pss].filter((id) => !active.has(id));
  const data = buildReport({
    generatedAt: new Date().toISOString(),
    version: VERSION,
    profile: profile ?? 'recommended',
    paths: folders.map((f) => f.split(sep).join('/')),
    files,
    objects,
    findings,
    pssFindings: pssStandIns(findings, pss, active),
    errors,
    rules: rules.map(reportRule),
    activeRules: [...active],
    notes: missing.length ? [`Pod Security Standard levels rest on the PSS rules of this profile; ${missing.join(', ')} did not run (the CLI's \`kubehex report\` runs them all).`] : [],
  });
  const out: ReportResult = { score: data.overall.score, grade: data.overall.grade, counts: data.totals.counts };
  if (format === 'json') out.data = data;
  else out.html = renderHtml(data, { fileData: (f) => abs.get(f) ?? f, findingsPerRecipe: 100, tableRows: 500 });
  return out;
}
