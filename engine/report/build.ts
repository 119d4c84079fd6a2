// The pure data builder behind every report format (HTML, Markdown, JSON) and the editor's dashboard.
import { CATEGORIES, GOALS, type Goal } from '../taxonomy';
import { compareBaseline } from './baseline';
import { buildRecipes, topFix } from './recipes';
import { countOf, emptyCounts, findingObjectKey, objectHome, objectKey, posture, SCORING_TEXT, WEIGHTS } from './score';
import { buildWorkloads } from './workloads';
import type { GroupRow, PssLevel, ReportData, ReportFinding, ReportInput, ReportObject, ReportRule } from './types';

export function buildReport(input: ReportInput): ReportData {
  const rules = new Map(input.rules.map((r) => [r.id, r]));
  const objects = withFindingObjects(input.objects, input.findings);
  const n = objects.length;
  const active = input.activeRules.map((id) => rules.get(id)).filter((r): r is ReportRule => !!r);
  const recipes = buildRecipes(input.findings, rules);
  const workloads = buildWorkloads(objects, input.findings, input.pssFindings, rules);
  const pss: Record<PssLevel, number> = { privileged: 0, baseline: 0, restricted: 0 };
  for (const w of workloads) pss[w.pss]++;
  const usedRules: Record<string, ReportRule> = {};
  for (const id of [...new Set(input.findings.map((f) => f.ruleId))].sort()) { const r = rules.get(id); if (r) usedRules[id] = r; }
  const data: ReportData = {
    kind: 'kubehex-report',
    version: 1,
    generatedAt: input.generatedAt,
    tool: `kubehex ${input.version}`,
    profile: input.profile,
    paths: input.paths,
    scoring: { weights: { ...WEIGHTS }, formula: SCORING_TEXT },
    totals: {
      files: input.files.length,
      objects: n,
      workloads: workloads.length,
      findings: input.findings.length,
      counts: countOf(input.findings),
      quickFixes: input.findings.filter((f) => f.fixable).length,
      fileErrors: input.errors.length,
    },
    overall: posture(input.findings, n),
    categories: byCategory(input.findings, n, active),
    goals: byGoal(input.findings, n, active),
    heatmap: heatmap(input.findings, n, active),
    recipes,
    topFix: topFix(recipes),
    workloads,
    pss,
    files: groupRows(objects, input.findings, (o) => [o.file], (f) => [f.file]),
    layers: groupRows(objects, input.findings, () => [], (f) => [rules.get(f.ruleId)?.layer ?? 'unclassified'], n),
    phases: groupRows(objects, input.findings, () => [], (f) => { const p = rules.get(f.ruleId)?.phase; return p ? [p] : []; }, n),
    rendered: groupRows(objects, input.findings, (o) => (o.rendered ? [o.rendered.source] : []), (f) => (f.rendered ? [f.rendered.source] : [])),
    rules: usedRules,
    findings: input.findings,
    errors: input.errors,
    notes: input.notes ?? [],
  };
  if (input.baseline) data.baseline = compareBaseline(input.baseline.file, input.findings, input.baseline);
  return data;
}

/** The linted objects, plus any object a finding names that the object list missed (never lose a finding). */
function withFindingObjects(objects: ReadonlyArray<ReportObject>, findings: ReadonlyArray<ReportFinding>): ReportObject[] {
  const seen = new Set<string>();
  const out: ReportObject[] = [];
  for (const o of objects) {
    const k = objectKey(objectHome(o), o);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(o);
  }
  for (const f of findings) {
    const k = findingObjectKey(f);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ ...f.object, file: f.file, ...(f.rendered ? { rendered: f.rendered } : {}) });
  }
  return out;
}

function byCategory(findings: ReadonlyArray<ReportFinding>, n: number, active: ReadonlyArray<ReportRule>): ReportData['categories'] {
  const out = {} as ReportData['categories'];
  for (const c of CATEGORIES) out[c] = { ...posture(findings.filter((f) => f.category === c), n), checked: active.filter((r) => r.category === c).length };
  return out;
}

function byGoal(findings: ReadonlyArray<ReportFinding>, n: number, active: ReadonlyArray<ReportRule>): ReportData['goals'] {
  const out = {} as ReportData['goals'];
  for (const g of GOALS) out[g] = { ...posture(findings.filter((f) => f.goals.includes(g)), n), checked: active.filter((r) => r.goals.includes(g)).length };
  return out;
}

function heatmap(findings: ReadonlyArray<ReportFinding>, n: number, active: ReadonlyArray<ReportRule>): ReportData['heatmap'] {
  const out = {} as ReportData['heatmap'];
  for (const c of CATEGORIES) {
    out[c] = {} as Record<Goal, { score: number | null; findings: number }>;
    for (const g of GOALS) {
      const cell = findings.filter((f) => f.category === c && f.goals.includes(g));
      const covered = active.some((r) => r.category === c && r.goals.includes(g)) || cell.length > 0;
      out[c][g] = { score: covered ? posture(cell, n).score : null, findings: cell.length };
    }
  }
  return out;
}

/**
 * Rows of a grouping (file, layer, phase, rendered source). A group's objects are those `objectGroups` puts
 * in it plus those its findings name; its score is over those objects, or over `everyObject` for views that,
 * like the 6C categories, concern every object (layers, phases).
 */
function groupRows(objects: ReadonlyArray<ReportObject>, findings: ReadonlyArray<ReportFinding>, objectGroups: (o: ReportObject) => string[], findingGroups: (f: ReportFinding) => string[], everyObject?: number): GroupRow[] {
  const groups = new Map<string, { objects: Set<string>; findings: ReportFinding[] }>();
  const get = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { objects: new Set(), findings: [] }));
    return g;
  };
  for (const o of objects) for (const name of objectGroups(o)) get(name).objects.add(objectKey(objectHome(o), o));
  for (const f of findings) {
    for (const name of findingGroups(f)) {
      const g = get(name);
      g.findings.push(f);
      g.objects.add(findingObjectKey(f));
    }
  }
  const rows: GroupRow[] = [];
  for (const [name, g] of groups) {
    const p = posture(g.findings, everyObject ?? g.objects.size);
    rows.push({ name, objects: g.objects.size, findings: g.findings.length, counts: g.findings.length ? p.counts : emptyCounts(), score: p.score });
  }
  return rows.sort((a, b) => a.score - b.score || b.counts.error - a.counts.error || b.findings - a.findings || a.name.localeCompare(b.name));
}

