// Per-workload rows: errors and warnings, the highest Pod Security Standard met, the worst finding.
import { SEVERITY_RANK } from '../taxonomy';
import { POD_SPEC_KINDS } from '../workloads';
import { countOf, findingObjectKey, objectHome, objectKey } from './score';
import type { PssLevel, ReportFinding, ReportObject, ReportRule, WorkloadRow } from './types';

/** The level a rule's PSS control belongs to, from its `pss` ("baseline: …" / "restricted: …"). */
export function pssLevelOfRule(rule: ReportRule | undefined): 'baseline' | 'restricted' | undefined {
  const m = /^(baseline|restricted)\s*:/i.exec(rule?.pss ?? '');
  return m ? (m[1].toLowerCase() as 'baseline' | 'restricted') : undefined;
}

/** Highest level met: failing a baseline control leaves privileged; failing only restricted ones, baseline. */
export function pssLevel(failing: ReadonlyArray<'baseline' | 'restricted'>): PssLevel {
  if (failing.includes('baseline')) return 'privileged';
  if (failing.includes('restricted')) return 'baseline';
  return 'restricted';
}

export function isWorkload(kind: string): boolean { return POD_SPEC_KINDS.includes(kind); }

export function buildWorkloads(objects: ReadonlyArray<ReportObject>, findings: ReadonlyArray<ReportFinding>, pssFindings: ReadonlyArray<ReportFinding>, rules: ReadonlyMap<string, ReportRule>): WorkloadRow[] {
  const byObject = groupBy(findings);
  const pssByObject = groupBy(pssFindings);
  const rows: WorkloadRow[] = [];
  for (const o of objects) {
    if (!isWorkload(o.kind)) continue;
    const key = objectKey(objectHome(o), o);
    const own = byObject.get(key) ?? [];
    const controls = new Map<string, 'baseline' | 'restricted'>();
    for (const f of pssByObject.get(key) ?? []) {
      const rule = rules.get(f.ruleId);
      const level = pssLevelOfRule(rule);
      if (level) controls.set(rule!.pss!, level);
    }
    let worst: ReportFinding | undefined;
    for (const f of own) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst.severity]) worst = f;
    rows.push({
      file: o.file,
      kind: o.kind,
      name: o.name,
      namespace: o.namespace ?? null,
      counts: countOf(own),
      pss: pssLevel([...controls.values()]),
      pssFailing: [...controls.keys()].sort(),
      ...(worst ? { worst: { ruleId: worst.ruleId, severity: worst.severity, message: worst.message, line: worst.range.start.line } } : {}),
      ...(o.rendered ? { rendered: o.rendered.source } : {}),
    });
  }
  rows.sort((a, b) => b.counts.error - a.counts.error || b.counts.warning - a.counts.warning || b.counts.info - a.counts.info
    || a.file.localeCompare(b.file) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return rows;
}

function groupBy(findings: ReadonlyArray<ReportFinding>): Map<string, ReportFinding[]> {
  const m = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const k = findingObjectKey(f);
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  }
  return m;
}
