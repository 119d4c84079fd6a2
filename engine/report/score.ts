// The scoring: derived from rule severities and counts only, and printed in every report (SCORING_TEXT).
import type { Severity } from '../taxonomy';
import type { Counts, Posture, ReportFinding, ReportObjectRef } from './types';

/** What one finding costs its object, as a share of that object's point. */
export const WEIGHTS: Readonly<Record<Severity, number>> = { error: 1, warning: 0.25, info: 0.05 };

export const SCORING_TEXT: string[] = [
  'Every linted Kubernetes object holds one point in each view (overall, each 6C category, each hexad goal, each heat-map cell, each file, layer and source).',
  'A finding costs its object a share of that point: error 1, warning 0.25, info 0.05. An object never loses more than its one point, so one broken object cannot sink a view.',
  'score = round(100 × (1 − Σ over objects of min(1, Σ weights of its findings in the view) ÷ objects in the view)). 100: no findings; 0: every object has an error there.',
  'A finding counts in its rule\'s one 6C category and in each hexad goal the rule names. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F.',
  'A heat-map cell with no active rule for that category and goal is shown as not checked, not as 100.',
  'Recipes (the fix a rule\'s page gives) are ranked by their worst severity, then by risk = Σ over the objects they touch of the worst weight there (severity × objects), then by errors and findings; "fix these 5" counts the errors the first five clear.',
  'Highest Pod Security Standard a workload meets: restricted when no PSS rule finds anything, baseline when only restricted-level controls fail, else privileged; judged by the PSS rules whatever the profile. Suppressed findings count as accepted exceptions.',
];

export function emptyCounts(): Counts { return { error: 0, warning: 0, info: 0 }; }

export function countOf(findings: ReadonlyArray<{ severity: Severity }>): Counts {
  const c = emptyCounts();
  for (const f of findings) c[f.severity]++;
  return c;
}

export function grade(score: number): string {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'F';
}

/** Identity of an object in one file (or one render): what the report counts as "an object". */
export function objectKey(home: string, o: ReportObjectRef): string {
  return `${home}\u0000${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;
}

/**
 * Where an object lives: its file, or for a rendered object its chart or overlay. A rendered object's findings
 * sit on several files (the template line, the values key, a patch), and it is still one object and one workload.
 */
export function objectHome(x: { file: string; rendered?: { source: string } }): string {
  return x.rendered ? `\u0001${x.rendered.source}` : x.file;
}

const keys = new WeakMap<ReportFinding, string>();

/** The object key of a finding, worked out once per finding (every view of the report asks for it). */
export function findingObjectKey(f: ReportFinding): string {
  let k = keys.get(f);
  if (k === undefined) keys.set(f, (k = objectKey(objectHome(f), f.object)));
  return k;
}

/** Σ over objects of min(1, Σ weights): the points lost by these findings. */
export function lostPoints(findings: ReadonlyArray<ReportFinding>): number {
  const per = new Map<string, number>();
  for (const f of findings) {
    const k = findingObjectKey(f);
    per.set(k, (per.get(k) ?? 0) + WEIGHTS[f.severity]);
  }
  let lost = 0;
  for (const v of per.values()) lost += Math.min(1, v);
  return lost;
}

export function scoreOf(lost: number, objects: number): number {
  if (objects <= 0) return 100;
  // rounded to 1e-6 first so that float noise never decides which way a .5 goes
  const raw = Math.round((1e8 * (objects - lost)) / objects) / 1e6;
  return Math.max(0, Math.min(100, Math.round(raw)));
}

export function posture(findings: ReadonlyArray<ReportFinding>, objects: number): Posture {
  const score = scoreOf(lostPoints(findings), objects);
  return { score, grade: grade(score), objects, findings: findings.length, counts: countOf(findings) };
}

/** Σ over distinct objects of the worst weight among these findings on it. */
export function riskOf(findings: ReadonlyArray<ReportFinding>): number {
  const worst = new Map<string, number>();
  for (const f of findings) {
    const k = findingObjectKey(f);
    worst.set(k, Math.max(worst.get(k) ?? 0, WEIGHTS[f.severity]));
  }
  let r = 0;
  for (const v of worst.values()) r += v;
  return Math.round(r * 100) / 100;
}
