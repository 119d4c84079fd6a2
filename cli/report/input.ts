// From a scan to the report's input: findings in the JSON shape, the objects linted, the rules' metadata.
import { findingObjectKey, objectHome, objectKey, pssRuleIds, renderedSourceOf, reportFinding, reportRule, type ReportFinding, type ReportInput, type ReportObject, type Rule } from '../../engine';
import { displayPath } from '../format';
import type { ScanResult } from '../scan';

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
      const source = renderedSourceOf(f);
      const rf = reportFinding(f, file, source === undefined ? undefined : displayPath(source));
      // a yielded finding is not shown (another one on the same place says it) but decides the PSS level
      if (active.has(f.ruleId) && !f.yielded) findings.push(rf);
      if (pss.has(f.ruleId)) pssFindings.push(rf);
    }
  }
  // a rendered object without findings still counts (its chart or overlay is its home, see objectHome)
  const named = new Set(findings.map((f) => findingObjectKey(f)));
  for (const r of o.result.rendered ?? []) {
    const source = displayPath(r.source);
    for (const ob of r.objects) {
      const obj: ReportObject = { ...ob, namespace: ob.namespace ?? null, file: source, rendered: { source } };
      if (!named.has(objectKey(objectHome(obj), obj))) objects.push(obj);
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
