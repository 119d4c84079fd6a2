/** Kyverno's JMESPath: the community implementation plus the custom functions Kyverno's policies use. */
import * as jp from '@jmespath-community/jmespath';
import { re2 } from '../cel/ext-strings';
import { parseQuantity } from '../cel';

type J = jp.JSONValue;
const { TYPE_ANY, TYPE_STRING, TYPE_NUMBER, TYPE_ARRAY, TYPE_OBJECT } = jp;

/** A variable that cannot be known offline (context lookups, API calls): the rule is not evaluated. */
export class KyvernoUnknown extends Error {}
/** A JMESPath or substitution error: Kyverno reports the rule as an error, never as passed. */
export class KyvernoError extends Error {}

let registered = false;
function registerFunctions(): void {
  if (registered) return;
  registered = true;
  const reg = (name: string, f: (args: J[]) => J, types: jp.InputSignature[]) => jp.registerFunction(name, f as never, types, { override: true });
  const str = (v: J) => (typeof v === 'string' ? v : JSON.stringify(v));
  reg('regex_match', ([re, s]) => re2(String(re), 0).test(typeof s === 'number' ? String(s) : String(s)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING, TYPE_NUMBER] }]);
  reg('pattern_match', ([p, s]) => wildcard(String(p), typeof s === 'number' ? String(s) : String(s)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING, TYPE_NUMBER] }]);
  reg('to_upper', ([s]) => String(s).toUpperCase(), [{ types: [TYPE_STRING] }]);
  reg('to_lower', ([s]) => String(s).toLowerCase(), [{ types: [TYPE_STRING] }]);
  reg('trim', ([s, c]) => trimChars(String(s), String(c)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('trim_prefix', ([s, p]) => (String(s).startsWith(String(p)) ? String(s).slice(String(p).length) : String(s)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('trim_suffix', ([s, p]) => (String(s).endsWith(String(p)) && String(p) ? String(s).slice(0, -String(p).length) : String(s)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('split', ([s, sep]) => String(s).split(String(sep)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('replace', ([s, a, b, n]) => replaceN(String(s), String(a), String(b), Number(n)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }, { types: [TYPE_STRING] }, { types: [TYPE_NUMBER] }]);
  reg('replace_all', ([s, a, b]) => String(s).split(String(a)).join(String(b)), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('equal_fold', ([a, b]) => String(a).toLowerCase() === String(b).toLowerCase(), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('compare', ([a, b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0), [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }]);
  reg('label_match', ([sel, labels]) => Object.entries(sel as Record<string, J>).every(([k, v]) => (labels as Record<string, J>)?.[k] === v), [{ types: [TYPE_OBJECT] }, { types: [TYPE_OBJECT] }]);
  reg('parse_json', ([s]) => JSON.parse(String(s)) as J, [{ types: [TYPE_STRING] }]);
  reg('base64_decode', ([s]) => Buffer.from(String(s), 'base64').toString('utf8'), [{ types: [TYPE_STRING] }]);
  reg('base64_encode', ([s]) => Buffer.from(String(s), 'utf8').toString('base64'), [{ types: [TYPE_STRING] }]);
  reg('to_string', ([v]) => str(v), [{ types: [TYPE_ANY] }]);
  for (const [name, op] of [['add', (a: number, b: number) => a + b], ['subtract', (a: number, b: number) => a - b], ['multiply', (a: number, b: number) => a * b], ['divide', (a: number, b: number) => a / b], ['modulo', (a: number, b: number) => a % b]] as const) {
    reg(name, ([a, b]) => arith(a, b, op, name), [{ types: [TYPE_ANY] }, { types: [TYPE_ANY] }]);
  }
  reg('truncate', ([s, n]) => String(s).slice(0, Number(n)), [{ types: [TYPE_STRING] }, { types: [TYPE_NUMBER] }]);
  reg('semver_compare', () => { throw new KyvernoUnknown('semver_compare is not supported'); }, [{ types: [TYPE_ANY], variadic: true }]);
  reg('lookup', ([o, k]) => (Array.isArray(o) ? (o[Number(k)] ?? null) : ((o as Record<string, J>)?.[String(k)] ?? null)), [{ types: [TYPE_OBJECT, TYPE_ARRAY] }, { types: [TYPE_STRING, TYPE_NUMBER] }]);
}

function wildcard(p: string, s: string): boolean {
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(s);
}
function trimChars(s: string, cut: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && cut.includes(s[a])) a++;
  while (b > a && cut.includes(s[b - 1])) b--;
  return s.slice(a, b);
}
function replaceN(s: string, a: string, b: string, n: number): string {
  if (n < 0) return s.split(a).join(b);
  let out = s;
  for (let i = 0; i < n && out.includes(a); i++) out = out.replace(a, b);
  return out;
}
function arith(a: J, b: J, op: (a: number, b: number) => number, name: string): J {
  if (typeof a === 'number' && typeof b === 'number') {
    if ((name === 'divide' || name === 'modulo') && b === 0) throw new KyvernoError('division by zero');
    return op(a, b);
  }
  const qa = typeof a === 'string' ? parseQuantity(a) : undefined;
  const qb = typeof b === 'string' ? parseQuantity(b) : typeof b === 'number' ? parseQuantity(String(b)) : undefined;
  if (qa && qb) return op(Number(qa.nano) / 1e9, Number(qb.nano) / 1e9);
  throw new KyvernoError(`${name}() needs numbers or quantities`);
}

/** Marks, among a rule's unknown variables, that the requesting user is not known (no UserInfo stand-in). */
export const USER_UNKNOWN = 'request.userInfo';

/** The top-level names a JMESPath expression reads (identifiers not after `.`, outside literals, not calls). */
export function referencedRoots(expr: string): string[] {
  const bare = expr.replace(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"/g, ' ');
  const out: string[] = [];
  const re = /(^|[^.\w@&])([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()/g;
  for (let m = re.exec(bare); m; m = re.exec(bare)) out.push(m[2]);
  return out;
}

/** A plain field path (`request.object.spec.containers`): identifiers joined by dots, no JMESPath keyword. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NOT_FIELDS = new Set(['let', 'in', 'true', 'false', 'null']);
/** Per expression: its fields when it is a plain field path (read without the interpreter), else null. */
const fieldPaths = new Map<string, string[] | null>();
function fieldPathOf(expr: string): string[] | null {
  let f = fieldPaths.get(expr);
  if (f === undefined) {
    if (fieldPaths.size >= 4096) fieldPaths.clear();
    const segs = FIELD_PATH.test(expr) ? expr.split('.') : null;
    f = segs && !segs.some((s) => NOT_FIELDS.has(s)) ? segs : null;
    fieldPaths.set(expr, f);
  }
  return f;
}

/** Evaluates a JMESPath query against the Kyverno context; errors become KyvernoError. */
export function query(expr: string, data: unknown): unknown {
  registerFunctions();
  const e = expr.trim();
  const fields = fieldPathOf(e);
  if (fields) {
    // as the interpreter reads a field: of a map only (anything else gives null), a missing one is null
    let cur: unknown = data;
    for (const f of fields) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
      cur = (cur as Record<string, unknown>)[f] ?? null;
    }
    return cur;
  }
  try {
    return jp.TreeInterpreter.search(compiled(e), data as J);
  } catch (e) {
    if (e instanceof KyvernoUnknown) throw e;
    throw new KyvernoError(`JMESPath query failed: ${expr.trim()}: ${(e as Error).message}`);
  }
}

/** Expressions parsed once (a rule's queries run on every object it matches); a failed parse is not kept. */
const asts = new Map<string, ReturnType<typeof jp.compile>>();
function compiled(expr: string): ReturnType<typeof jp.compile> {
  let ast = asts.get(expr);
  if (!ast) {
    if (asts.size >= 4096) asts.clear();
    ast = jp.compile(expr);
    asts.set(expr, ast);
  }
  return ast;
}

/** Checks a JMESPath expression's syntax (policy authoring). */
export function jmesSyntaxError(expr: string): string | undefined {
  return jmesSyntaxErrorAt(expr)?.message;
}

/** Longest expression whose error is located character by character (longer ones get the whole expression). */
const MAX_LOCATED = 4000;

/**
 * A JMESPath syntax error and the characters of `expr` at fault: the character the lexer stops at, the token the
 * parser rejects, or (an expression that ends too early) the empty span at its end. The library reports no
 * position, so the shortest failing prefix is found: a prefix that fails only for want of more tokens is fine.
 */
export function jmesSyntaxErrorAt(expr: string): { message: string; span: [number, number] } | undefined {
  registerFunctions();
  const fails = (s: string): Error | undefined => { try { jp.compile(s); return undefined; } catch (e) { return e as Error; } };
  const whole = fails(expr);
  if (!whole) return undefined;
  const message = whole.message.replace(/^Syntax error:\s*/i, '').replace(/^syntax:\s*/, '');
  const eof = { message: 'unexpected end of expression', span: [expr.trimEnd().length, expr.trimEnd().length] as [number, number] };
  const end = expr.trimEnd().length;
  if (expr.length > MAX_LOCATED) return { message, span: [0, end] };
  if (whole.name === 'LexerError') {
    // the shortest prefix the lexer rejects ends at the character at fault (an unclosed quote: its opening one)
    for (let k = 1; k <= expr.length; k++) {
      try { jp.tokenize(expr.slice(0, k)); } catch { return { message, span: [k - 1, k] }; }
    }
    return { message, span: [0, end] };
  }
  const tokens = jp.tokenize(expr);
  for (let k = 0; k < tokens.length; k++) {
    const next = k + 1 < tokens.length ? tokens[k + 1].start : expr.length;
    const e = fails(expr.slice(0, next));
    if (e && !atEnd(e)) {
      const text = expr.slice(tokens[k].start, next).trimEnd();
      return { message: `unexpected ${JSON.stringify(text)}`, span: [tokens[k].start, tokens[k].start + text.length] };
    }
  }
  return atEnd(whole) ? eof : { message, span: [0, end] };
}

/** The parser ran out of tokens (more would have been fine). */
const atEnd = (e: Error): boolean => /\bEOF\b/.test(e.message);

/** The innermost `{{ ... }}` (single braces, as in a JMESPath multiselect hash, may occur inside). */
const INNER = /\{\{((?:\{[^{}]*\}|[^{}])*?)\}\}/;

/**
 * Kyverno's variable substitution: innermost variables first; a string that is exactly one `{{ expr }}` takes
 * the value's type, otherwise each value is printed into the string.
 */
export function substitute(v: unknown, data: Record<string, unknown>, unknownVars: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return substituteString(v, data, unknownVars);
  // a pattern without variables is what substituting would copy: it is used as it is (nothing writes to it)
  if (!hasVariables(v)) return v;
  if (Array.isArray(v)) return v.map((x) => substitute(x, data, unknownVars));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [String(substituteString(k, data, unknownVars)), substitute(x, data, unknownVars)]));
  return v;
}

function substituteString(s: string, data: Record<string, unknown>, unknownVars: ReadonlySet<string>): unknown {
  let cur = s;
  for (let guard = 0; guard < 64; guard++) {
    const m = INNER.exec(cur);
    if (!m) return cur;
    const value = resolve(m[1], data, unknownVars);
    if (m.index === 0 && m[0].length === cur.length) return value;
    cur = cur.slice(0, m.index) + (typeof value === 'string' ? value : JSON.stringify(value)) + cur.slice(m.index + m[0].length);
  }
  throw new KyvernoError(`variables nested too deeply in ${s}`);
}

/** What resolve reads of a variable's expression, worked out once per expression (a policy's few meet every object). */
interface ExprFacts { roots: string[]; readsUser: boolean; root?: string }
const exprFacts = new Map<string, ExprFacts>();
function factsOf(e: string): ExprFacts {
  let f = exprFacts.get(e);
  if (!f) {
    if (exprFacts.size >= 4096) exprFacts.clear();
    f = {
      roots: referencedRoots(e),
      readsUser: /\brequest\.(userInfo|roles|clusterRoles)\b|\bserviceAccountName\b|\bserviceAccountNamespace\b/.test(e),
      root: /^[A-Za-z_][A-Za-z0-9_]*/.exec(e)?.[0],
    };
    exprFacts.set(e, f);
  }
  return f;
}

function resolve(expr: string, data: Record<string, unknown>, unknownVars: ReadonlySet<string>): unknown {
  const e = expr.trim();
  const { roots, readsUser, root } = factsOf(e);
  if (unknownVars.size) {
    for (const r of roots) if (unknownVars.has(r) && !(r in data)) throw new KyvernoUnknown(`variable ${r} comes from a context lookup that needs the live cluster`);
  }
  if (e === '@') return data['@'];
  if (unknownVars.has(USER_UNKNOWN) && readsUser) throw new KyvernoUnknown('the requesting user is not known offline (request.userInfo)');
  const r = query(e, data);
  if (r === null && root && !(root in data) && !unknownVars.has(root)) throw new KyvernoError(`variable ${e} is not defined`);
  return r;
}

const withoutVars = new WeakSet<object>();
const withVars = new WeakSet<object>();
/**
 * Whether substitute would change anything in `v` (a string of it, key or value, holds `{{`); worked out once
 * per object of a policy. Objects other than plain maps and lists count as changed (substitute rebuilds them).
 */
export function hasVariables(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('{{');
  if (v === null || typeof v !== 'object') return false;
  if (withoutVars.has(v)) return false;
  if (withVars.has(v)) return true;
  const proto = Object.getPrototypeOf(v);
  let r: boolean;
  if (Array.isArray(v)) r = proto !== Array.prototype || v.some(hasVariables);
  else if (proto !== Object.prototype && proto !== null) r = true;
  else r = Object.entries(v).some(([k, x]) => k.includes('{{') || hasVariables(x));
  (r ? withVars : withoutVars).add(v);
  return r;
}
