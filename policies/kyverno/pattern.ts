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
  return compareNumbers(op, toNumber(value), toNumber(rest));
}

/** `>`, `>=`, `<`, `<=` of two numbers; false when either is not a number. */
function compareNumbers(op: string, a: number | undefined, b: number | undefined): boolean {
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

// ---- patterns compiled once ----

/**
 * A pattern read once: keys parsed, anchors that decide first picked out, value patterns split into their
 * alternatives. validatePattern's verdicts, paths and reasons, without re-reading the pattern per object.
 */
type Compiled =
  | { t: 'map'; raw: Record<string, unknown>; entries: CEntry[]; first: CEntry[]; wildcards: boolean }
  | { t: 'list'; raw: unknown[]; items: Compiled[]; firstIsMap: boolean }
  | { t: 'value'; raw: unknown; test: (v: unknown) => boolean };
interface CEntry { anchor: Key['anchor']; name: string; raw: unknown; c: Compiled }

const compiledPatterns = new WeakMap<object, Compiled>();

function compile(p: unknown): Compiled {
  if (p !== null && typeof p === 'object') {
    const hit = compiledPatterns.get(p);
    if (hit) return hit;
  }
  let c: Compiled;
  if (isRecord(p)) {
    const entries = Object.entries(p).map(([k, v]) => ({ ...parseKey(k), raw: v, c: compile(v) }));
    c = { t: 'map', raw: p, entries, first: entries.filter((e) => e.anchor === '(' || e.anchor === '<'), wildcards: entries.some((e) => /[*?]/.test(e.name)) };
  } else if (Array.isArray(p)) {
    c = { t: 'list', raw: p, items: p.map(compile), firstIsMap: p.length > 0 && isRecord(p[0]) };
  } else {
    c = { t: 'value', raw: p, test: valueMatcher(p) };
  }
  if (p !== null && typeof p === 'object') compiledPatterns.set(p, c);
  return c;
}

/**
 * validatePattern for a pattern that nothing changes afterwards (a policy's own, without variables): read once
 * per pattern object, then judged with one path stack (copied only into a verdict).
 */
export function validateCompiledPattern(resource: unknown, pattern: unknown, path: Path = []): PatternResult {
  if (pattern === null || typeof pattern !== 'object') return validatePattern(resource, pattern, path);
  return run(resource, compile(pattern), [...path]);
}

function run(resource: unknown, c: Compiled, path: Array<string | number>): PatternResult {
  if (c.t === 'map') {
    if (!isRecord(resource)) return { fail: [...path], reason: `expected a map at ${fmt(path)}` };
    // wildcard keys stand for the resource's keys: expanded per resource, as validateMap does
    if (c.wildcards) return validateMap(resource, c.raw, [...path]);
    return runMap(resource, c, path);
  }
  if (c.t === 'list') {
    if (!Array.isArray(resource)) return { fail: [...path], reason: `expected a list at ${fmt(path)}` };
    return runList(resource, c, path);
  }
  const pattern = c.raw;
  if (Array.isArray(resource) && pattern !== null && typeof pattern !== 'object') {
    const bad = resource.findIndex((x) => !c.test(x));
    if (bad < 0) return { ok: true };
    const at = [...path, bad];
    return { fail: at, reason: `value at ${fmt(at)} does not match ${String(pattern)}` };
  }
  return c.test(resource) ? { ok: true } : { fail: [...path], reason: `value at ${fmt(path)} does not match ${String(pattern)}` };
}

const OK: PatternResult = { ok: true };

function runMap(res: Record<string, unknown>, c: Extract<Compiled, { t: 'map' }>, path: Array<string | number>): PatternResult {
  for (const e of c.first) {
    const skip = e.anchor === '<' ? 'global' : 'conditional';
    if (!(e.name in res)) return { skip, path: [...path, e.name] };
    path.push(e.name);
    const r = run(res[e.name], e.c, path);
    path.pop();
    if (!('ok' in r)) return 'skip' in r && r.skip === 'global' ? r : { skip, path: [...path, e.name] };
  }
  for (const e of c.entries) {
    const name = e.name;
    switch (e.anchor) {
      case '(': case '<': case '+': continue;
      case 'X':
        if (name in res && res[name] !== null) { const here = [...path, name]; return { fail: here, reason: `${fmt(here)} is not allowed` }; }
        continue;
      case '=':
        if (!(name in res)) continue;
        break;
      case '^': {
        const list = res[name];
        const v = e.raw;
        const here = [...path, name];
        if (!Array.isArray(list) || !Array.isArray(v)) return { fail: here, reason: `expected a list at ${fmt(here)}` };
        const items = (e.c as Extract<Compiled, { t: 'list' }>).items;
        const ok = items.every((pc) => list.some((item, i) => 'ok' in run(item, pc, [...here, i])));
        if (!ok) return { fail: here, reason: `no element of ${fmt(here)} matches` };
        continue;
      }
      default:
        if (e.raw === '*' && (res[name] === undefined || res[name] === null)) { const here = [...path, name]; return { fail: here, reason: `${fmt(here)} must be set` }; }
    }
    path.push(name);
    const r = run(res[name], e.c, path);
    path.pop();
    if (!('ok' in r)) return r;
  }
  return OK;
}

function runList(res: unknown[], c: Extract<Compiled, { t: 'list' }>, path: Array<string | number>): PatternResult {
  if (!c.items.length) return OK;
  if (c.items.length === 1 || c.firstIsMap) {
    const p = c.items[0];
    let applied = false;
    let lastSkip: PatternResult | undefined;
    for (let i = 0; i < res.length; i++) {
      path.push(i);
      const r = run(res[i], p, path);
      path.pop();
      if ('skip' in r) { if (r.skip === 'global') return r; lastSkip = r; continue; }
      if ('fail' in r) return r;
      applied = true;
    }
    if (!applied && lastSkip && c.firstIsMap) return lastSkip;
    return OK;
  }
  if (res.length < c.items.length) return { fail: [...path], reason: `${fmt(path)} has fewer items than the pattern` };
  for (let i = 0; i < c.items.length; i++) {
    path.push(i);
    const r = run(res[i], c.items[i], path);
    path.pop();
    if (!('ok' in r)) return r;
  }
  return OK;
}

/** valueMatches for one pattern, its alternatives (`|`) and conjunctions (`&`) split once. */
const valueMatchers = new Map<string, (v: unknown) => boolean>();
export function valueMatcher(pattern: unknown): (v: unknown) => boolean {
  if (typeof pattern !== 'string') return (v) => valueMatches(v, pattern);
  let f = valueMatchers.get(pattern);
  if (!f) {
    if (valueMatchers.size >= 4096) valueMatchers.clear();
    const alts = pattern.split('|').map((alt) => alt.split('&').map((p) => singleMatcher(p.trim())));
    f = (v) => (typeof v === 'string' && v === pattern) || alts.some((all) => all.every((t) => t(v)));
    valueMatchers.set(pattern, f);
  }
  return f;
}

/** single() for one pattern, what depends only on the pattern worked out once. */
function singleMatcher(p: string): (value: unknown) => boolean {
  const range = /^(!?)([^-!]+)-([^-]+)$/.exec(p);
  if (range && toNumber(range[2]) !== undefined && toNumber(range[3]) !== undefined) {
    const lo = toNumber(range[2])!;
    const hi = toNumber(range[3])!;
    const neg = !!range[1];
    return (value) => {
      const v = toNumber(value);
      if (v === undefined) return false;
      const inside = v >= lo && v <= hi;
      return neg ? !inside : inside;
    };
  }
  const op = OPS.find((o) => p.startsWith(o)) ?? '';
  const rest = p.slice(op.length).trim();
  const restNum = toNumber(rest);
  if (op === '' || op === '!') {
    const unset = op === '!' ? rest !== '' && rest !== '*' : rest === '';
    const numeric = restNum !== undefined && /\d/.test(rest) && !/[*?]/.test(rest);
    const neg = op === '!';
    return (value) => {
      if (value === undefined || value === null) return unset;
      const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      const eq = wildcardMatch(rest, s) || (numeric && toNumber(value) === restNum);
      return neg ? !eq : eq;
    };
  }
  return (value) => compareNumbers(op, toNumber(value), restNum);
}
