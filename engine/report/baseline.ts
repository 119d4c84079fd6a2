// Baseline matching: a finding is "the same" when its rule, object (kind, namespace, name) and field path
// are the same, so moved lines, reordered documents and renamed files never make it new. A baseline entry
// without `path` (output of an older kubehex) is matched on its message instead.
import { CATEGORIES, type Severity } from '../taxonomy';
import { emptyCounts, WEIGHTS } from './score';
import type { BaselineDelta, BaselineFinding, Counts, ReportFinding } from './types';

interface Matchable { ruleId: string; object: { kind: string; name: string; namespace?: string | null }; path?: ReadonlyArray<string | number>; message?: string; file?: string }

function identity(f: Matchable): string {
  return `${f.ruleId}\u0000${f.object.kind}\u0000${f.object.namespace ?? ''}\u0000${f.object.name}`;
}

function pathKey(f: Matchable): string | undefined {
  return Array.isArray(f.path) ? `${identity(f)}\u0001${JSON.stringify(f.path)}` : undefined;
}

function messageKey(f: Matchable): string | undefined {
  return typeof f.message === 'string' ? `${identity(f)}\u0002${f.message}` : undefined;
}

export interface BaselineMatch<T> { fresh: T[]; matched: T[]; gone: BaselineFinding[] }

/**
 * Splits current findings into those in the baseline and those that are new; baseline entries left over are
 * fixed. Each baseline entry matches at most one finding: same file first, then any file.
 */
export function matchBaseline<T extends Matchable>(current: ReadonlyArray<T>, baseline: ReadonlyArray<BaselineFinding>): BaselineMatch<T> {
  const pool = new Map<string, number[]>();
  const used = new Array<boolean>(baseline.length).fill(false);
  baseline.forEach((b, i) => {
    const k = pathKey(b) ?? messageKey(b);
    if (!k) return;
    for (const key of [k, `${b.file ?? ''}\u0003${k}`]) {
      const list = pool.get(key);
      if (list) list.push(i);
      else pool.set(key, [i]);
    }
  });
  const take = (key: string | undefined): boolean => {
    if (!key) return false;
    for (const i of pool.get(key) ?? []) {
      if (used[i]) continue;
      used[i] = true;
      return true;
    }
    return false;
  };
  const pending = current.map((f) => ({ f, hit: take(withFile(f, pathKey(f))) || take(withFile(f, messageKey(f))) }));
  const fresh: T[] = [];
  const matched: T[] = [];
  for (const p of pending) {
    if (p.hit || take(pathKey(p.f)) || take(messageKey(p.f))) matched.push(p.f);
    else fresh.push(p.f);
  }
  return { fresh, matched, gone: baseline.filter((_, i) => !used[i]) };
}

function withFile(f: Matchable, key: string | undefined): string | undefined {
  return key === undefined ? undefined : `${f.file ?? ''}\u0003${key}`;
}

/** Reads the findings of an earlier `kubehex scan --format json` (or `kubehex report --format json`) output. */
export function parseBaseline(text: string): { findings: BaselineFinding[]; score?: number } | { error: string } {
  let v: unknown;
  try { v = JSON.parse(text); } catch (e) { return { error: `not JSON (${(e as Error).message})` }; }
  const o = v as { findings?: unknown; overall?: { score?: unknown } } | null;
  if (!o || typeof o !== 'object' || !Array.isArray(o.findings)) return { error: 'expected the output of `kubehex scan --format json` (an object with "findings")' };
  const findings: BaselineFinding[] = [];
  for (const [i, f] of (o.findings as unknown[]).entries()) {
    const x = f as Partial<BaselineFinding> | null;
    if (!x || typeof x.ruleId !== 'string' || !x.object || typeof x.object.kind !== 'string' || typeof x.object.name !== 'string') {
      return { error: `findings[${i}] has no ruleId or object {kind, name}` };
    }
    const severity: Severity = x.severity === 'error' || x.severity === 'warning' || x.severity === 'info' ? x.severity : 'warning';
    findings.push({ ...x, severity } as BaselineFinding);
  }
  return typeof o.overall?.score === 'number' ? { findings, score: o.overall.score } : { findings };
}

function add(c: Counts, s: Severity): void { c[s]++; }

function phrase(c: Counts, what: string): string {
  const parts = (['error', 'warning', 'info'] as const).filter((s) => c[s]).map((s) => `${c[s]} ${what} ${s === 'info' ? 'info' : `${s}${c[s] === 1 ? '' : 's'}`}`);
  return parts.length ? parts.join(', ') : `nothing ${what}`;
}

export function compareBaseline(file: string, current: ReadonlyArray<ReportFinding>, baseline: { findings: BaselineFinding[]; score?: number }): BaselineDelta {
  const m = matchBaseline(current, baseline.findings);
  const counts = { new: emptyCounts(), fixed: emptyCounts(), unchanged: emptyCounts() };
  const byCategory: BaselineDelta['byCategory'] = {};
  for (const c of CATEGORIES) byCategory[c] = { new: emptyCounts(), fixed: emptyCounts(), unchanged: 0 };
  const cat = (c: string | undefined) => (byCategory[c ?? 'unknown'] ??= { new: emptyCounts(), fixed: emptyCounts(), unchanged: 0 });
  for (const f of m.fresh) { add(counts.new, f.severity); add(cat(f.category).new, f.severity); }
  for (const f of m.matched) { add(counts.unchanged, f.severity); cat(f.category).unchanged++; }
  for (const f of m.gone) { add(counts.fixed, f.severity); add(cat(f.category).fixed, f.severity); }
  let riskDelta = 0;
  for (const f of m.fresh) riskDelta += WEIGHTS[f.severity];
  for (const f of m.gone) riskDelta -= WEIGHTS[f.severity];
  riskDelta = Math.round(riskDelta * 100) / 100;
  const verdict = riskDelta < 0 ? 'better' : riskDelta > 0 ? 'worse' : 'unchanged';
  return {
    file,
    counts,
    byCategory,
    riskDelta,
    verdict,
    ...(baseline.score !== undefined ? { scoreBefore: baseline.score } : {}),
    summary: `${phrase(counts.new, 'new')}; ${phrase(counts.fixed, 'fixed')}; ${m.matched.length} unchanged — ${verdict}`,
    newFindings: m.fresh,
    fixedFindings: m.gone,
  };
}
