// Top recipes: findings grouped by the recipe that fixes them (rules sharing one recipe text share a row),
// ranked by their worst severity, then by the risk they remove (severity × objects).
import { SEVERITY_RANK, type Severity } from '../taxonomy';
import { countOf, findingObjectKey, riskOf } from './score';
import type { RecipeEntry, ReportFinding, ReportRule } from './types';

export const TOP_FIX = 5;

/** The anchor of a rule's page inside the report. */
export function ruleAnchor(id: string): string { return `rule-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`; }

export function buildRecipes(findings: ReadonlyArray<ReportFinding>, rules: ReadonlyMap<string, ReportRule>): RecipeEntry[] {
  const groups = new Map<string, { rules: Set<string>; findings: ReportFinding[] }>();
  const recipes = new Map<string, string>();
  for (const f of findings) {
    const recipe = rules.get(f.ruleId)?.recipe.trim() || `(${f.ruleId})`;
    // admission policies' rules (`kyverno:POLICY/RULE`, `vap:POLICY`) share one generic recipe text: a row per
    // policy, not one row for every policy of the scan
    const key = `${recipe}\u0000${policyOf(f.ruleId)}`;
    recipes.set(key, recipe);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { rules: new Set(), findings: [] }));
    g.rules.add(f.ruleId);
    g.findings.push(f);
  }
  const totalErrors = findings.filter((f) => f.severity === 'error').length;
  const entries: RecipeEntry[] = [];
  for (const [key, g] of groups) {
    const recipe = recipes.get(key)!;
    const ids = [...g.rules].sort();
    const counts = countOf(g.findings);
    let severity: Severity = 'info';
    for (const f of g.findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity]) severity = f.severity;
    const first = rules.get(ids[0]);
    entries.push({
      rank: 0,
      recipe,
      rules: ids,
      title: first?.title ?? ids[0],
      category: first?.category ?? g.findings[0].category,
      severity,
      findings: g.findings.length,
      objects: new Set(g.findings.map(findingObjectKey)).size,
      counts,
      quickFixes: g.findings.filter((f) => f.fixable).length,
      risk: riskOf(g.findings),
      errorShare: totalErrors ? Math.round((1000 * counts.error) / totalErrors) / 10 : 0,
      link: `#${ruleAnchor(ids[0])}`,
    });
  }
  // worst severity first (so "fix these 5" clears errors, not the most widespread warning), then risk
  entries.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.risk - a.risk || b.counts.error - a.counts.error
    || b.findings - a.findings || a.rules[0].localeCompare(b.rules[0]));
  entries.forEach((e, i) => { e.rank = i + 1; });
  return entries;
}

/** The policy an admission-policy rule id comes from (`kyverno:require-labels/check-team` -> `kyverno:require-labels`); '' for built-in rules. */
function policyOf(ruleId: string): string {
  return ruleId.includes(':') ? ruleId.split('/')[0] : '';
}

/** "Fix these N to clear P% of errors": the errors the top N recipes clear. */
export function topFix(recipes: ReadonlyArray<RecipeEntry>, n = TOP_FIX): { recipes: number; errors: number; totalErrors: number; percent: number } {
  const totalErrors = recipes.reduce((s, r) => s + r.counts.error, 0);
  const top = recipes.slice(0, n);
  const errors = top.reduce((s, r) => s + r.counts.error, 0);
  return { recipes: top.length, errors, totalErrors, percent: totalErrors ? Math.round((1000 * errors) / totalErrors) / 10 : 0 };
}
