/** Go's fmt: Sprint, Sprintln, Sprintf with the verbs, flags, widths and error forms (%!d(string=x)) Go prints. */
import { formatFloat } from './float-format';
import { GoInt, isGoMap, isGoStruct, isStringer, sortedKeys, typeName } from './go-value';
import { goQuote } from './lexer';

interface Flags { plus: boolean; minus: boolean; sharp: boolean; space: boolean; zero: boolean; width?: number; prec?: number; plusV?: boolean; sharpV?: boolean }
const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };

function runeLen(s: string): number { let n = 0; for (const _ of s) n++; return n; }

function pad(s: string, f: Flags, numeric = false): string {
  if (f.width === undefined) return s;
  const n = f.width - runeLen(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  if (f.zero && !numeric) return '0'.repeat(n) + s;
  return ' '.repeat(n) + s;
}

function bad(verb: string, v: unknown): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatV(v, NO_FLAGS, 0)})`;
}

function signed(s: string, neg: boolean, f: Flags): string {
  if (neg) return '-' + s;
  if (f.plus) return '+' + s;
  if (f.space) return ' ' + s;
  return s;
}

function fmtInteger(n: number, verb: string, f: Flags, kind: string): string {
  const neg = n < 0;
  const a = Math.abs(n);
  let s: string;
  switch (verb) {
    case 'd': case 'v': s = String(a); break;
    case 'b': s = a.toString(2); break;
    case 'o': s = a.toString(8); if (f.sharp && s !== '0') s = '0' + s; break;
    case 'O': s = '0o' + a.toString(8); break;
    case 'x': s = a.toString(16); if (f.sharp) s = '0x' + s; break;
    case 'X': s = a.toString(16).toUpperCase(); if (f.sharp) s = '0X' + s; break;
    case 'c': return pad(String.fromCodePoint(validRune(n)), f);
    case 'q': return pad(goQuoteRune(validRune(n)), f);
    case 'U': {
      const u = 'U+' + a.toString(16).toUpperCase().padStart(4, '0');
      return pad(f.sharp ? `${u} '${String.fromCodePoint(validRune(n))}'` : u, f);
    }
    default: return bad(verb, new GoInt(n, kind as GoInt['kind']));
  }
  if (f.prec !== undefined) {
    if (f.prec === 0 && a === 0) s = '';
    else if (s.length < f.prec) s = '0'.repeat(f.prec - s.length) + s;
    return pad(signed(s, neg, f), { ...f, zero: false });
  }
  return pad(signed(s, neg, f), f, true);
}

function validRune(n: number): number { return n < 0 || n > 0x10ffff || (n >= 0xd800 && n < 0xe000) ? 0xfffd : n; }

function goQuoteRune(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const q = goQuote(ch);
  return "'" + q.slice(1, -1) + "'";
}

function fmtFloatVerb(x: number, verb: string, f: Flags): string {
  let s: string;
  switch (verb) {
    case 'v': case 'g': case 'G': s = formatFloat(x, verb === 'G' ? 'G' : 'g', f.prec ?? -1); break;
    case 'e': case 'E': s = formatFloat(x, verb, f.prec ?? 6); break;
    case 'f': case 'F': s = formatFloat(x, 'f', f.prec ?? 6); break;
    default: return bad(verb, x);
  }
  if (f.sharp && verb !== 'v' && !s.includes('.') && /\d/.test(s)) {
    const m = /^([+-]?\d+)(.*)$/.exec(s);
    if (m) s = m[1] + '.' + m[2];
  }
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  if (s === 'Inf' || s === '+Inf') return pad(signed('Inf', neg, f), { ...f, zero: false });
  if (s === 'NaN') return pad(f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN', { ...f, zero: false });
  return pad(signed(s, neg, f), f, true);
}

function hexString(s: string, upper: boolean, f: Flags): string {
  const bytes = Buffer.from(s, 'utf8');
  const parts: string[] = [];
  for (const b of bytes) {
    let h = b.toString(16).padStart(2, '0');
    if (upper) h = h.toUpperCase();
    if (f.sharp && (f.space || parts.length === 0)) h = (upper ? '0X' : '0x') + h;
    parts.push(h);
  }
  return parts.join(f.space ? ' ' : '');
}

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v': case 's': {
      if (f.sharpV) return goQuote(s);
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      return pad(s, f);
    }
    case 'q': {
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      if (f.sharp && !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)) return pad('`' + s + '`', f);
      return pad(f.plus ? asciiQuote(s) : goQuote(s), f);
    }
    case 'x': case 'X': {
      if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
      return pad(hexString(s, verb === 'X', f), f);
    }
    default: return bad(verb, s);
  }
}

function asciiQuote(s: string): string {
  return goQuote(s).replace(/[^\x00-\x7f]/gu, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    return cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
  });
}

/** Format one value for a verb (what fmt's printArg does). `depth` guards self-referencing structures. */
export function formatArg(v: unknown, verb: string, f: Flags, depth = 0): string {
  if (verb === 'T') return pad(typeName(v), f);
  if (v === undefined || v === null) {
    return verb === 'v' ? pad('<nil>', f) : bad(verb, v);
  }
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), f) : bad(verb, v);
  if (typeof v === 'number') return fmtFloatVerb(v, verb, f);
  if (v instanceof GoInt) return verb === 'v' || verb === 'd' || 'boOxXcqU'.includes(verb) ? fmtInteger(v.value, verb === 'v' ? 'd' : verb, f, v.kind) : bad(verb, v);
  if (typeof v === 'string') return fmtString(v, verb, f);
  if (isStringer(v) && 'vsqxX'.includes(verb) && !f.sharpV) return fmtString(safeString(v), verb === 'v' ? 's' : verb, f);
  if (depth > 100) return '...';
  if (v instanceof Uint8Array) {
    if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') return fmtString(Buffer.from(v).toString('utf8'), verb, f);
    return '[' + Array.from(v).join(' ') + ']';
  }
  if (Array.isArray(v)) {
    if (f.sharpV) return `${typeName(v)}{${v.map((e) => formatArg(e, verb, f, depth + 1)).join(', ')}}`;
    return '[' + v.map((e) => formatArg(e, verb, f, depth + 1)).join(' ') + ']';
  }
  if (isGoMap(v)) {
    const keys = sortedKeys(v);
    if (f.sharpV) return `${typeName(v)}{${keys.map((k) => `${goQuote(k)}:${formatArg(v[k], verb, f, depth + 1)}`).join(', ')}}`;
    return 'map[' + keys.map((k) => `${formatArg(k, verb, f, depth + 1)}:${formatArg(v[k], verb, f, depth + 1)}`).join(' ') + ']';
  }
  if (typeof v === 'function') return verb === 'v' ? pad('0xc000000000', f) : bad(verb, v);
  if (isGoStruct(v)) {
    const tn = typeName(v);
    const fields = Object.keys(v).filter((k) => typeof (v as Record<string, unknown>)[k] !== 'function');
    const body = fields.map((k) => (f.plusV ? `${k}:` : '') + formatArg((v as Record<string, unknown>)[k], verb, f, depth + 1)).join(' ');
    return (tn.startsWith('*') && depth === 0 ? '&' : '') + `{${body}}`;
  }
  return bad(verb, v);
}

function safeString(v: { String(): string }): string {
  try { return v.String(); } catch (e) { return `%!v(PANIC=String method: ${(e as Error).message})`; }
}

function formatV(v: unknown, f: Flags, depth: number): string { return formatArg(v, 'v', f, depth); }

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isStr = typeof a === 'string';
    if (i > 0 && !isStr && !prevString) out += ' ';
    out += formatArg(a, 'v', NO_FLAGS);
    prevString = isStr;
  });
  return out;
}

/** fmt.Sprintln: always separated by spaces, newline at the end. */
export function sprintln(args: unknown[]): string {
  return args.map((a) => formatArg(a, 'v', NO_FLAGS)).join(' ') + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    i = pct + 1;
    if (i >= n) { out += '%!(NOVERB)'; break; }
    const f: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };
    // flags
    for (; i < n; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') { f.minus = true; f.zero = false; }
      else if (c === ' ') f.space = true;
      else break;
    }
    // argument index, width
    let goodArgNum = true;
    const argIndex = (): void => {
      if (format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i);
      const idx = close < 0 ? NaN : Number(format.slice(i + 1, close));
      if (!Number.isInteger(idx) || idx < 1) { goodArgNum = false; i = close < 0 ? n : close + 1; return; }
      argNum = idx - 1;
      i = close + 1;
    };
    argIndex();
    if (format[i] === '*') {
      i++;
      const a = args[argNum++];
      if (a instanceof GoInt) { f.width = a.value; if (f.width < 0) { f.minus = true; f.width = -f.width; f.zero = false; } }
      else { out += '%!(BADWIDTH)'; }
      if (f.width !== undefined && f.width > 1e6) { out += '%!(BADWIDTH)'; f.width = undefined; }
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) { f.width = Math.min(Number(m[0]), 1e6); i += m[0].length; }
    }
    if (format[i] === '.') {
      i++;
      argIndex();
      if (format[i] === '*') {
        i++;
        const a = args[argNum++];
        if (a instanceof GoInt && a.value >= 0) f.prec = Math.min(a.value, 1e6);
        else out += '%!(BADPREC)';
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? Math.min(Number(m[0]), 1e6) : 0;
        if (m) i += m[0].length;
      }
    }
    argIndex();
    if (i >= n) { out += '%!(NOVERB)'; break; }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') { out += '%'; continue; }
    if (!goodArgNum) { out += `%!${verb}(BADINDEX)`; continue; }
    if (argNum >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const a = args[argNum++];
    if (verb === 'v') { if (f.sharp) { f.sharpV = true; f.sharp = false; } if (f.plus) { f.plusV = true; f.plus = false; } }
    if (verb === 'w') { out += bad('w', a); continue; }
    out += formatArg(a, verb, f);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === undefined || a === null ? '<nil>' : `${typeName(a)}=${formatArg(a, 'v', NO_FLAGS)}`)).join(', ') + ')';
  }
  return out;
}
