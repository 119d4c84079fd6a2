// `kubehex scan --baseline FILE`: keep only the findings that are not in the baseline, so the run reports and
// fails on new findings alone. Matching (engine/report/baseline.ts) is by rule, object and field path.
import { matchBaseline, type BaselineFinding, type Finding } from '../../engine';
import { displayPath } from '../format';
import type { ScanResult } from '../scan';

/** Drops the baselined findings from `result` in place; returns how many were dropped. */
export function dropBaselined(result: ScanResult, baseline: ReadonlyArray<BaselineFinding>): number {
  const all = result.results.flatMap((r) => r.findings.map((f) => ({ f, ruleId: f.ruleId, object: f.object, path: f.path, message: f.message, file: displayPath(r.file) })));
  const { fresh } = matchBaseline(all, baseline);
  const keep = new Set<Finding>(fresh.map((x) => x.f));
  let dropped = 0;
  for (const r of result.results) {
    const before = r.findings.length;
    r.findings = r.findings.filter((f) => keep.has(f));
    dropped += before - r.findings.length;
  }
  return dropped;
}
