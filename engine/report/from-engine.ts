// From the engine's types to the report's: shared by the CLI and the language server.
import type { Finding, Rule } from '../types';
import type { ReportFinding, ReportRule } from './types';

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

/** The rendered source (chart or kustomization) a finding came from, when render/ set one. */
export function renderedSourceOf(f: Finding): string | undefined {
  const rendered = (f as Finding & { rendered?: { source?: unknown } }).rendered;
  return rendered && typeof rendered.source === 'string' ? rendered.source : undefined;
}

/** A finding in the report's shape; `file` and `source` are display paths chosen by the caller. */
export function reportFinding(f: Finding, file: string, source?: string): ReportFinding {
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
    ...(source !== undefined ? { rendered: { source } } : {}),
  };
}
