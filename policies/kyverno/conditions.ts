/** Kyverno conditions (preconditions, deny.conditions): any/all blocks of key / operator / value. */
import { isRecord } from '../../engine';
import { wildcardMatch } from '../match';
import { substitute } from './jmes';
import { toNumber, valueMatches } from './pattern';

export interface ConditionResult { met: boolean; message?: string }

/** `{any: [...], all: [...]}` or a plain list (all of them); an empty block is met. */
export function conditionsMet(block: unknown, data: Record<string, unknown>, unknownVars: ReadonlySet<string>): ConditionResult {
  if (Array.isArray(block)) return allOf(block, data, unknownVars);
  if (!isRecord(block)) return { met: true };
  const any = Array.isArray(block.any) ? block.any : undefined;
  const all = Array.isArray(block.all) ? block.all : undefined;
  let message: string | undefined;
  if (any && any.length) {
    let hit = false;
    for (const c of any) {
      const r = one(c, data, unknownVars);
      if (r.met) { hit = true; message ??= r.message; break; }
    }
    if (!hit) return { met: false };
  }
  if (all) {
    const r = allOf(all, data, unknownVars);
    if (!r.met) return r;
    message ??= r.message;
  }
  return { met: true, message };
}

function allOf(list: unknown[], data: Record<string, unknown>, unknownVars: ReadonlySet<string>): ConditionResult {
  let message: string | undefined;
  for (const c of list) {
    const r = one(c, data, unknownVars);
    if (!r.met) return { met: false };
    message ??= r.message;
  }
  return { met: true, message };
}

function one(c: unknown, data: Record<string, unknown>, unknownVars: ReadonlySet<string>): ConditionResult {
  if (!isRecord(c)) return { met: false };
  const key = substitute(c.key, data, unknownVars);
  const value = substitute(c.value, data, unknownVars);
  const met = operate(String(c.operator ?? 'Equals'), key, value);
  const message = typeof c.message === 'string' ? String(substitute(c.message, data, unknownVars)) : undefined;
  return { met, message };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** `a` in `set`: equality, wildcards in the set's strings, and numeric ranges such as `8000-9000`. */
function inSet(a: unknown, set: unknown): boolean {
  // a string holding a JSON array (a ConfigMap value such as '["a", "b"]') is that array
  if (typeof set === 'string' && set.trimStart().startsWith('[')) {
    try { const l: unknown = JSON.parse(set); if (Array.isArray(l)) set = l; } catch { /* a plain string */ }
  }
  if (typeof set === 'string' && typeof a === 'string' && !set.startsWith('[')) return wildcardMatch(set, a) || (set.includes('-') && valueMatches(a, set));
  return asList(set).some((s) => equal(a, s) || (typeof s === 'string' && (typeof a === 'string' || typeof a === 'number') && (wildcardMatch(s, String(a)) || (/^\d+-\d+$/.test(s) && valueMatches(a, s)))));
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  if (typeof a === 'string' && typeof b === 'string') return wildcardMatch(b, a) || wildcardMatch(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => equal(a[k], b[k]));
  }
  if ((a === null || a === undefined) && (b === null || b === undefined || b === '')) return true;
  return false;
}

function compareNum(a: unknown, b: unknown, f: (x: number, y: number) => boolean): boolean {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return f(x, y);
  return false;
}

export function operate(op: string, key: unknown, value: unknown): boolean {
  switch (op) {
    case 'Equals': case 'Equal': return equal(key, value);
    case 'NotEquals': case 'NotEqual': return !equal(key, value);
    case 'In': return Array.isArray(key) ? key.every((k) => inSet(k, value)) : inSet(key, value);
    case 'NotIn': return Array.isArray(key) ? !key.every((k) => inSet(k, value)) : !inSet(key, value);
    case 'AnyIn': return asList(key).some((k) => inSet(k, value));
    case 'AllIn': { const l = asList(key); return l.length > 0 && l.every((k) => inSet(k, value)); }
    case 'AnyNotIn': return asList(key).some((k) => !inSet(k, value));
    case 'AllNotIn': return asList(key).every((k) => !inSet(k, value));
    case 'GreaterThan': case 'DurationGreaterThan': return compareNum(key, value, (x, y) => x > y);
    case 'GreaterThanOrEquals': case 'DurationGreaterThanOrEquals': return compareNum(key, value, (x, y) => x >= y);
    case 'LessThan': case 'DurationLessThan': return compareNum(key, value, (x, y) => x < y);
    case 'LessThanOrEquals': case 'DurationLessThanOrEquals': return compareNum(key, value, (x, y) => x <= y);
    default: return false;
  }
}
