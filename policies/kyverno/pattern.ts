/**
 * Kyverno's validate.pattern language: anchors on keys — (conditional), <(global), =(equality), ^(existence),
 * X(negation), +(add, ignored when validating) — and value patterns with wildcards, `|` and `&`, operators
 * `>`, `>=`, `<`, `<=`, `!`, and ranges `a-b` / `!a-b` over numbers, quantities and durations.
 */
import { isRecord, type Path } from '../../engine';
import { parseQuantity } from '../cel';
import { wildcardMatch } from '../match';

export type PatternResult = { ok: true } | { fail: Path; reason: string } | { skip: 'conditional' | 'global'; path: Path };

const ANCHOR = /^([(<=^X+])?\(([^)]*)\)$|^\(([^)]*)\)$/;

interface Key { anchor: '' | '(' | '<' | '=' | '^' | 'X' | '+'; name: string }
function parseKey(k: string): Key {
  if (k.startsWith('(') && k.endsWith(')')) return { anchor: '(', name: k.slice(1, -1) };
  const m = /^([<=^X+])\((.*)\)$/s.exec(k);
  if (m) return { anchor: m[1] as Key['anchor'], name: m[2] };
  return { anchor: '', name: k };
}
export function isAnchorKey(k: string): boolean { return ANCHOR.test(k); }

export function validatePattern(resource: unknown, pattern: unknown, path: Path = []): PatternResult {
  if (isRecord(pattern)) {
    if (!isRecord(resource)) return { fail: path, reason: `expected a map at ${fmt(path)}` };
    return validateMap(resource, pattern, path);
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(resource)) return { fail: path, reason: `expected a list at ${fmt(path)}` };
    return validateArray(resource, pattern, path);
  }
  // a scalar pattern applies to every item of a list (`supplementalGroups: ">0"`)
  if (Array.isArray(resource) && pattern !== null && typeof pattern !== 'object') {
    const bad = resource.findIndex((x) => !valueMatches(x, pattern));
    return bad < 0 ? { ok: true } : { fail: [...path, bad], reason: `value at ${fmt([...path, bad])} does not match ${String(pattern)}` };
  }
  return valueMatches(resource, pattern) ? { ok: true } : { fail: path, reason: `value at ${fmt(path)} does not match ${String(pattern)}` };
}

export function fmt(p: Path): string { return `/${p.join('/')}${p.length ? '/' : ''}`; }

function validateMap(res: Record<string, unknown>, pat: Record<string, unknown>, path: Path): PatternResult {
  const entries = Object.entries(expandWildcardKeys(pat, res)).map(([k, v]) => ({ key: parseKey(k), v }));
  // anchors that decide whether the map applies come first
  for (const { key, v } of entries.filter((e) => e.key.anchor === '(' || e.key.anchor === '<')) {
    const here = [...path, key.name];
    const skip = key.anchor === '<' ? 'global' : 'conditional';
    if (!(key.name in res)) return { skip, path: here };
    const r = validatePattern(res[key.name], v, here);
    if (!('ok' in r)) return 'skip' in r && r.skip === 'global' ? r : { skip, path: here };
  }
  for (const { key, v } of entries) {
    const here = [...path, key.name];
    switch (key.anchor) {
      case '(': case '<': case '+': continue;
      case 'X':
        if (key.name in res && res[key.name] !== null) return { fail: here, reason: `${fmt(here)} is not allowed` };
        continue;
      case '=':
        if (!(key.name in res)) continue;
        break;
      case '^': {
        const list = res[key.name];
        if (!Array.isArray(list) || !Array.isArray(v)) return { fail: here, reason: `expected a list at ${fmt(here)}` };
        const ok = v.every((pv) => list.some((item, i) => 'ok' in validatePattern(item, pv, [...here, i])));
        if (!ok) return { fail: here, reason: `no element of ${fmt(here)} matches` };
        continue;
      }
      default:
        if (v === '*' && (res[key.name] === undefined || res[key.name] === null)) return { fail: here, reason: `${fmt(here)} must be set` };
    }
    const r = validatePattern(res[key.name], v, here);
    if (!('ok' in r)) return r;
  }
  return { ok: true };
}

function validateArray(res: unknown[], pat: unknown[], path: Path): PatternResult {
  if (!pat.length) return { ok: true };
  if (pat.length === 1 || isRecord(pat[0])) {
    const p = pat[0];
    let applied = false;
    let lastSkip: PatternResult | undefined;
    for (let i = 0; i < res.length; i++) {
      const r = validatePattern(res[i], p, [...path, i]);
      if ('skip' in r) { if (r.skip === 'global') return r; lastSkip = r; continue; }
      if ('fail' in r) return r;
      applied = true;
    }
    // every element skipped by a conditional anchor: the list as a whole does not apply
    if (!applied && lastSkip && isRecord(p)) return lastSkip;
    return { ok: true };
  }
  if (res.length < pat.length) return { fail: path, reason: `${fmt(path)} has fewer items than the pattern` };
  for (let i = 0; i < pat.length; i++) {
    const r = validatePattern(res[i], pat[i], [...path, i]);
    if (!('ok' in r)) return r;
  }
  return { ok: true };
}

/** Wildcard keys (e.g. `app.*` with a value pattern) in label and annotation patterns stand for the resource's keys that match. */
function expandWildcardKeys(pat: Record<string, unknown>, res: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(pat).some((k) => /[*?]/.test(parseKey(k).name))) return pat;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pat)) {
    const key = parseKey(k);
    if (!/[*?]/.test(key.name)) { out[k] = v; continue; }
    const hits = Object.keys(res).filter((rk) => wildcardMatch(key.name, rk));
    if (!hits.length) { out[k] = v; continue; }
    for (const h of hits) out[key.anchor === '' ? h : key.anchor === '(' ? `(${h})` : `${key.anchor}(${h})`] = v;
  }
  return out;
}

// ---- value patterns ----

export function valueMatches(value: unknown, pattern: unknown): boolean {
  if (pattern === null) return value === null || value === undefined || value === '';
  if (typeof pattern === 'boolean') return value === pattern;
  if (typeof pattern === 'number') {
    if (typeof value === 'number') return value === pattern;
    if (typeof value === 'string') return value === String(pattern);
    return false;
  }
  if (typeof pattern !== 'string') return false;
  if (typeof value === 'string' && value === pattern) return true;
  return pattern.split('|').some((alt) => alt.split('&').every((p) => single(value, p.trim())));
}

const OPS = ['>=', '<=', '>', '<', '!'] as const;

function single(value: unknown, p: string): boolean {
  const range = /^(!?)([^-!]+)-([^-]+)$/.exec(p);
  if (range && toNumber(range[2]) !== undefined && toNumber(range[3]) !== undefined) {
    const v = toNumber(value);
    if (v === undefined) return false;
    const inside = v >= toNumber(range[2])! && v <= toNumber(range[3])!;
    return range[1] ? !inside : inside;
  }
  const op = OPS.find((o) => p.startsWith(o)) ?? '';
  const rest = p.slice(op.length).trim();
  if (op === '' || op === '!') {
    if (value === undefined || value === null) return op === '!' ? rest !== '' && rest !== '*' : rest === '' ;
    const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const eq = wildcardMatch(rest, s) || (toNumber(rest) !== undefined && toNumber(value) !== undefined && /\d/.test(rest) && !/[*?]/.test(rest) && toNumber(rest) === toNumber(value));
    return op === '!' ? !eq : eq;
  }
  const a = toNumber(value);
  const b = toNumber(rest);
  if (a === undefined || b === undefined) return false;
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    default: return a <= b;
  }
}

const DURATION = /^(?:[0-9]*\.?[0-9]+(?:h|ms|m|s|us|µs|ns))+$/;
const UNIT_NS: Record<string, number> = { h: 3.6e12, m: 6e10, s: 1e9, ms: 1e6, us: 1e3, 'µs': 1e3, ns: 1 };

/** Numbers, quantities (as their value) and durations (in seconds) compare as numbers. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  const q = parseQuantity(s);
  if (q) return Number(q.nano) / 1e9;
  if (DURATION.test(s)) {
    let ns = 0;
    for (const m of s.matchAll(/([0-9]*\.?[0-9]+)(h|ms|m|s|us|µs|ns)/g)) ns += Number(m[1]) * UNIT_NS[m[2]];
    return ns / 1e9;
  }
  return undefined;
}
