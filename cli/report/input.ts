// From a scan to the report's input: findings in the JSON shape, the objects linted, the rules' metadata.
import { type Finding, type ReportFinding, type ReportInput, type ReportObject, type ReportRule, type Rule } from '../../engine';
import { displayPath } from '../format';
import type { ScanResult } from '../scan';

export function reportRule(r: Rule): ReportRule {
  const m = r.meta as Rule['meta'] & { phase?: string };
  return {
    id: m.id,
    title: m.title,
    category: m.category,
    goals: [...m.goals],
    severity: m.severity,
    summary: m.docs.summary,
    recipe: m.docs.recipe,
    ...(m.layer ? { layer: m.layer } : {}),
    ...(m.phase ? { phase: m.phase } : {}),
    ...(m.pss ? { pss: m.pss } : {}),
  };
}

/** The rules that decide a workload's Pod Security Standard level. */
export function pssRuleIds(all: ReadonlyArray<Rule>): string[] {
  return all.filter((r) => /^(baseline|restricted)\s*:/i.test(r.meta.pss ?? '')).map((r) => r.meta.id);
}

export function reportFinding(f: Finding, file: string): ReportFinding {
  const rendered = (f as Finding & { rendered?: { source?: unknown } }).rendered;
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    file,
    range: f.range,
    object: { apiVersion: f.object.apiVersion, kind: f.object.kind, name: f.object.name, namespace: f.object.namespace ?? null },
    path: [...f.path],
    category: f.category,
    goals: [...f.goals],
    fixable: !!f.fix,
    ...(rendered && typeof rendered.source === 'string' ? { rendered: { source: displayPath(rendered.source) } } : {}),
  };
}

export interface InputOptions {
  result: ScanResult;
  rules: ReadonlyArray<Rule>;
  /** Ids of the rules the profile and config switched on: their findings are scored. */
  active: ReadonlyArray<string>;
  profile: string;
  paths: string[];
  version: string;
  now?: Date;
}

export function reportInput(o: InputOptions): ReportInput {
  const active = new Set(o.active);
  const pss = new Set(pssRuleIds(o.rules));
  const findings: ReportFinding[] = [];
  const pssFindings: ReportFinding[] = [];
  const objects: ReportObject[] = [];
  const files: string[] = [];
  for (const r of o.result.results) {
    if (r.skipped) continue;
    const file = displayPath(r.file);
    files.push(file);
    for (const ob of r.objects ?? []) objects.push({ ...ob, namespace: ob.namespace ?? null, file });
    for (const f of r.findings) {
      const rf = reportFinding(f, file);
      if (active.has(f.ruleId)) findings.push(rf);
      if (pss.has(f.ruleId)) pssFindings.push(rf);
    }
  }
  return {
    generatedAt: (o.now ?? new Date()).toISOString(),
    version: o.version,
    profile: o.profile,
    paths: o.paths,
    files,
    objects,
    findings,
    pssFindings,
    errors: o.result.results.flatMap((r) => r.errors.map((e) => ({ file: displayPath(e.file), message: e.message }))),
    rules: o.rules.map(reportRule),
    activeRules: [...active],
  };
}
