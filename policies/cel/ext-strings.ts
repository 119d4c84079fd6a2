/** CEL extension libraries Kubernetes enables: strings, regex (matches, find, findAll), base64. */
import { CelError, typeName, type Value } from './values';
import { asInt, asString, define, fail, operands } from './functions';
import { formatValue } from './format';
import { equals } from './operators';

const cps = (s: string) => Array.from(s);
function arity(a: Value[], max: number, pos: number, fn: string): void {
  if (a.length > max) throw new CelError(`no matching overload for ${fn} with ${a.length} arguments`, pos);
}

/** RE2 syntax to a JS RegExp: leading inline flags, \z, and named groups (?P<n>). Cached. */
const regexCache = new Map<string, RegExp>();
export function re2(pattern: string, pos: number, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  const hit = regexCache.get(key);
  if (hit) { hit.lastIndex = 0; return hit; }
  let src = pattern;
  let flags = global ? 'gu' : 'u';
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    src = src.slice(m[0].length);
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    if (m[1].includes('m')) flags += 'm';
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$').replace(/\\Q(.*?)(\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch {
    try { re = new RegExp(src, flags.replace('u', '')); } catch (e) { throw new CelError(`invalid regular expression '${pattern}': ${(e as Error).message}`, pos); }
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(key, re);
  return re;
}

define('matches', (r, a, pos) => {
  const [s, p] = operands(r, a);
  return re2(asString(p, pos, 'matches'), pos).test(asString(s, pos, 'matches'));
});
define('find', (r, a, pos) => {
  const m = re2(asString(a[0], pos, 'find'), pos).exec(asString(r, pos, 'find'));
  return m ? m[0] : '';
});
define('findAll', (r, a, pos) => {
  const s = asString(r, pos, 'findAll');
  const limit = a.length > 1 ? asInt(a[1], pos, 'findAll') : -1;
  const out: Value[] = [];
  for (const m of s.matchAll(re2(asString(a[0], pos, 'findAll'), pos, true))) {
    if (limit >= 0 && out.length >= limit) break;
    out.push(m[0]);
  }
  return out;
});

define('charAt', (r, a, pos) => {
  arity(a, 1, pos, 'charAt');
  const s = cps(asString(r, pos, 'charAt'));
  const i = asInt(a[0], pos, 'charAt');
  if (i < 0 || i > s.length) throw new CelError(`index out of range: ${i}`, pos);
  return s[i] ?? '';
});
define('indexOf', (r, a, pos) => {
  arity(a, 2, pos, 'indexOf');
  if (Array.isArray(r)) return listIndexOf(r, a[0], false);
  const s = cps(asString(r, pos, 'indexOf'));
  const sub = cps(asString(a[0], pos, 'indexOf'));
  const from = a.length > 1 ? asInt(a[1], pos, 'indexOf') : 0;
  if (from < 0 || from > s.length) throw new CelError(`index out of range: ${from}`, pos);
  for (let i = from; i + sub.length <= s.length; i++) if (sub.every((c, k) => s[i + k] === c)) return BigInt(i);
  return -1n;
});
define('lastIndexOf', (r, a, pos) => {
  arity(a, 2, pos, 'lastIndexOf');
  if (Array.isArray(r)) return listIndexOf(r, a[0], true);
  const s = cps(asString(r, pos, 'lastIndexOf'));
  const sub = cps(asString(a[0], pos, 'lastIndexOf'));
  const from = a.length > 1 ? asInt(a[1], pos, 'lastIndexOf') : s.length;
  if (from < 0 || from > s.length) throw new CelError(`index out of range: ${from}`, pos);
  for (let i = Math.min(from, s.length - sub.length); i >= 0; i--) if (sub.every((c, k) => s[i + k] === c)) return BigInt(i);
  return -1n;
});

function listIndexOf(list: Value[], x: Value, last: boolean): bigint {
  if (last) { for (let i = list.length - 1; i >= 0; i--) if (equals(list[i], x)) return BigInt(i); return -1n; }
  const i = list.findIndex((e) => equals(e, x));
  return BigInt(i);
}

define('lowerAscii', (r, a, pos) => { arity(a, 0, pos, 'lowerAscii'); return asString(r, pos, 'lowerAscii').replace(/[A-Z]/g, (c) => c.toLowerCase()); });
define('upperAscii', (r, a, pos) => { arity(a, 0, pos, 'upperAscii'); return asString(r, pos, 'upperAscii').replace(/[a-z]/g, (c) => c.toUpperCase()); });
define('replace', (r, a, pos) => {
  arity(a, 3, pos, 'replace');
  const s = asString(r, pos, 'replace');
  const from = asString(a[0], pos, 'replace');
  const to = asString(a[1], pos, 'replace');
  let n = a.length > 2 ? asInt(a[2], pos, 'replace') : -1;
  if (n === 0) return s;
  if (from === '') {
    const chars = cps(s);
    let out = '';
    for (let i = 0; i <= chars.length; i++) {
      if (n !== 0) { out += to; n--; }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  let out = '';
  let i = 0;
  for (;;) {
    const k = s.indexOf(from, i);
    if (k < 0 || n === 0) break;
    out += s.slice(i, k) + to;
    i = k + from.length;
    n--;
  }
  return out + s.slice(i);
});
define('split', (r, a, pos) => {
  arity(a, 2, pos, 'split');
  const s = asString(r, pos, 'split');
  const sep = asString(a[0], pos, 'split');
  const n = a.length > 1 ? asInt(a[1], pos, 'split') : -1;
  if (n === 0) return [];
  const parts = sep === '' ? cps(s) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  if (sep === '') return [...parts.slice(0, n - 1), parts.slice(n - 1).join('')];
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
});
define('substring', (r, a, pos) => {
  arity(a, 2, pos, 'substring');
  const s = cps(asString(r, pos, 'substring'));
  const start = asInt(a[0], pos, 'substring');
  const end = a.length > 1 ? asInt(a[1], pos, 'substring') : s.length;
  if (start < 0 || start > s.length || end < start || end > s.length) throw new CelError(`substring(${start}, ${end}) out of range for length ${s.length}`, pos);
  return s.slice(start, end).join('');
});
define('trim', (r, a, pos) => { arity(a, 0, pos, 'trim'); return asString(r, pos, 'trim').replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu, ''); });
define('reverse', (r, _a, pos) => {
  if (Array.isArray(r)) return [...r].reverse();
  return cps(asString(r, pos, 'reverse')).reverse().join('');
});
define('join', (r, a, pos) => {
  arity(a, 1, pos, 'join');
  if (!Array.isArray(r)) fail(pos, 'join', r);
  const sep = a.length ? asString(a[0], pos, 'join') : '';
  return r.map((x) => { if (typeof x !== 'string') throw new CelError(`join() on a list with ${typeName(x)}`, pos); return x; }).join(sep);
});
const QUOTE_ESC: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
define('strings.quote', (_r, a, pos) => `"${cps(asString(a[0], pos, 'strings.quote')).map((c) => QUOTE_ESC[c] ?? (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '\ufffd' : c)).join('')}"`);
define('format', (r, a, pos) => {
  const list = a[0];
  if (!Array.isArray(list)) fail(pos, 'format', list);
  return formatValue(asString(r, pos, 'format'), list, pos);
});

define('base64.encode', (_r, a, pos) => {
  if (!(a[0] instanceof Uint8Array)) fail(pos, 'base64.encode', a[0]);
  return Buffer.from(a[0]).toString('base64');
});
define('base64.decode', (_r, a, pos) => {
  const s = asString(a[0], pos, 'base64.decode');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new CelError('invalid base64', pos);
  return new Uint8Array(Buffer.from(s, 'base64'));
});
