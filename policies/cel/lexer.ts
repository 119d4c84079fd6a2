/** CEL lexer (cel-spec langdef): identifiers, numbers, strings and bytes with every escape, operators. */

export type TokenKind = 'ident' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'op' | 'eof';
export interface Token { kind: TokenKind; text: string; value?: string | bigint | number | Uint8Array; pos: number; end: number; quoted?: boolean }

export class CelSyntaxError extends Error {
  constructor(message: string, readonly pos: number, readonly end = pos + 1) { super(message); }
}

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '.?', '[?', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];
export const RESERVED = new Set(['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const start = i;
    const quote = stringStart(src, i);
    if (quote) {
      const { value, end } = readString(src, i + quote.prefix, quote.raw, quote.bytes);
      out.push({ kind: quote.bytes ? 'bytes' : 'string', text: src.slice(start, end), value, pos: start, end });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const t = readNumber(src, i);
      out.push(t);
      i = t.end;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++;
      const text = src.slice(start, i);
      out.push({ kind: 'ident', text, pos: start, end: i });
      continue;
    }
    if (c === '`') {
      // a quoted field name (`a.b-c`), allowed only after `.` or `.?`: the parser checks where it stands
      const close = src.indexOf('`', i + 1);
      if (close < 0) throw new CelSyntaxError('unterminated quoted identifier', i, src.length);
      const name = src.slice(i + 1, close);
      if (!/^[A-Za-z0-9_.\/ -]+$/.test(name)) throw new CelSyntaxError(`invalid quoted identifier \`${name}\``, i, close + 1);
      out.push({ kind: 'ident', text: name, pos: i, end: close + 1, quoted: true });
      i = close + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new CelSyntaxError(`unexpected character '${c}'`, i);
    // `.?` only before an identifier; `x.?` in `a ? .5 : b` cannot happen since `.5` is a number
    out.push({ kind: 'op', text: op, pos: i, end: i + op.length });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '', pos: src.length, end: src.length });
  return out;
}

function stringStart(src: string, i: number): { prefix: number; raw: boolean; bytes: boolean } | undefined {
  let j = i;
  let raw = false;
  let bytes = false;
  for (let k = 0; k < 2; k++) {
    const ch = src[j];
    if ((ch === 'r' || ch === 'R') && !raw) { raw = true; j++; } else if ((ch === 'b' || ch === 'B') && !bytes) { bytes = true; j++; } else break;
  }
  if (src[j] !== '"' && src[j] !== "'") return undefined;
  return { prefix: j - i, raw, bytes };
}

function readString(src: string, i: number, raw: boolean, bytes: boolean): { value: string | Uint8Array; end: number } {
  const q = src[i];
  const triple = src.startsWith(q.repeat(3), i);
  const delim = triple ? q.repeat(3) : q;
  let j = i + delim.length;
  const parts: number[] = []; // bytes: raw octets; strings: code points
  const pushText = (s: string) => {
    if (bytes) for (const b of Buffer.from(s, 'utf8')) parts.push(b);
    else for (const ch of s) parts.push(ch.codePointAt(0)!);
  };
  for (;;) {
    if (j >= src.length) throw new CelSyntaxError('unterminated string', i, src.length);
    if (src.startsWith(delim, j)) { j += delim.length; break; }
    const ch = src[j];
    if (!triple && (ch === '\n' || ch === '\r')) throw new CelSyntaxError('newline in string', j);
    if (ch === '\\' && !raw) {
      const { code, len, octet } = readEscape(src, j, bytes);
      if (octet) parts.push(code); else pushText(String.fromCodePoint(code));
      j += len;
      continue;
    }
    const cp = src.codePointAt(j)!;
    pushText(String.fromCodePoint(cp));
    j += cp > 0xffff ? 2 : 1;
  }
  if (bytes) return { value: Uint8Array.from(parts), end: j };
  return { value: String.fromCodePoint(...parts), end: j };
}

function readEscape(src: string, j: number, bytes: boolean): { code: number; len: number; octet?: boolean } {
  const e = src[j + 1];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 };
  if (e in simple) return { code: simple[e], len: 2 };
  const hex = (n: number, from: number) => {
    const h = src.slice(from, from + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new CelSyntaxError('invalid escape sequence', j, from + n);
    return parseInt(h, 16);
  };
  if (e === 'x' || e === 'X') return { code: hex(2, j + 2), len: 4, octet: bytes };
  if (e === 'u') { if (bytes) throw new CelSyntaxError('\\u in bytes literal', j); return { code: checkCp(hex(4, j + 2), j), len: 6 }; }
  if (e === 'U') { if (bytes) throw new CelSyntaxError('\\U in bytes literal', j); return { code: checkCp(hex(8, j + 2), j), len: 10 }; }
  if (/[0-3]/.test(e)) {
    const o = src.slice(j + 1, j + 4);
    if (!/^[0-7]{3}$/.test(o)) throw new CelSyntaxError('invalid octal escape', j, j + 4);
    return { code: parseInt(o, 8), len: 4, octet: bytes };
  }
  throw new CelSyntaxError(`invalid escape sequence \\${e ?? ''}`, j, j + 2);
}

function checkCp(cp: number, at: number): number {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new CelSyntaxError('invalid unicode code point', at);
  return cp;
}

function readNumber(src: string, i: number): Token {
  const start = i;
  if (src[i] === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
    i += 2;
    while (/[0-9a-fA-F]/.test(src[i] ?? '')) i++;
    const digits = src.slice(start + 2, i);
    if (!digits) throw new CelSyntaxError('invalid hex literal', start, i);
    return intToken(src, start, i, BigInt('0x' + digits));
  }
  while (/[0-9]/.test(src[i] ?? '')) i++;
  let isDouble = false;
  if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
    isDouble = true;
    i++;
    while (/[0-9]/.test(src[i] ?? '')) i++;
  }
  if ((src[i] === 'e' || src[i] === 'E') && /^[eE][+-]?[0-9]/.test(src.slice(i, i + 3))) {
    isDouble = true;
    i++;
    if (src[i] === '+' || src[i] === '-') i++;
    while (/[0-9]/.test(src[i] ?? '')) i++;
  }
  const text = src.slice(start, i);
  if (isDouble) return { kind: 'double', text, value: Number(text), pos: start, end: i };
  return intToken(src, start, i, BigInt(text));
}

function intToken(src: string, start: number, i: number, v: bigint): Token {
  if (src[i] === 'u' || src[i] === 'U') return { kind: 'uint', text: src.slice(start, i + 1), value: v, pos: start, end: i + 1 };
  return { kind: 'int', text: src.slice(start, i), value: v, pos: start, end: i };
}
