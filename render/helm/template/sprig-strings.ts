/** Sprig's string functions. */
import { createHash } from 'node:crypto';
import { sprintf } from './fmt';
import { type SignedFunc, keepsArg, sig } from './func-sig';
import { GoRegexp } from './go-regexp';
import { byteLen, byteSlice, isGoSpace, isLower, isUpper, lowerRune, title, toLower, toUpper, trimCutset, trimSpace, upperRune } from './go-strings';
import { GoInt, tagType } from './go-value';
import { goQuote } from './lexer';
import { indentProv, identityProv, quotedProv, trimmedProv } from './prov';
import { goStrings, int, strslice, strval } from './sprig-convert';
import { base32Decode, base32Encode, base64Decode, base64Encode } from './go-encoding';

const n = (v: unknown): number => (v as GoInt).value;

function repeat(count: number, s: string): string {
  if (count < 0) throw new Error('strings: negative Repeat count');
  if (count * s.length > 256 * 1024 * 1024) throw new Error('strings: Repeat output length overflow');
  return s.repeat(count);
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(0, spaces));
  return pad + s.split('\n').join('\n' + pad);
}

/** Commons-lang style abbreviation (goutils.AbbreviateFull). Returns undefined when Go returns an error. */
function abbreviateFull(str: string, offset: number, maxWidth: number): string | undefined {
  if (str === '') return '';
  if (maxWidth < 4) return undefined;
  const len = str.length;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const dots = '...';
  if (offset <= 4) return str.slice(0, maxWidth - 3) + dots;
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < len) {
    const r = abbreviateFull(str.slice(offset), 0, maxWidth - 3);
    return r === undefined ? undefined : dots + r;
  }
  return dots + str.slice(len - (maxWidth - 3));
}

function wrap(str: string, width: number, newline: string, longWords: boolean): string {
  if (str === '') return '';
  if (newline === '') newline = '\n';
  if (width < 1) width = 1;
  const len = str.length;
  let offset = 0;
  let out = '';
  while (len - offset > width) {
    if (str[offset] === ' ') { offset++; continue; }
    const at = str.lastIndexOf(' ', width + offset);
    if (at >= offset) {
      out += str.slice(offset, at) + newline;
      offset = at + 1;
    } else if (longWords) {
      out += str.slice(offset, width + offset) + newline;
      offset += width;
    } else {
      const next = str.indexOf(' ', width + offset);
      if (next >= 0) { out += str.slice(offset, next) + newline; offset = next + 1; }
      else { out += str.slice(offset); offset = len; }
    }
  }
  return out + str.slice(offset);
}

function words(s: string): string[] { return s.split(/[\t\n\v\f\r \u0085\u00A0]+/).filter(Boolean); }

function initials(s: string): string { return words(s).map((w) => [...w][0]).join(''); }

function untitle(s: string): string {
  let out = '';
  let atWord = true;
  for (const c of s) {
    if (isGoSpace(c)) { atWord = true; out += c; continue; }
    out += atWord ? lowerRune(c) : c;
    atWord = false;
  }
  return out;
}

function swapcase(s: string): string {
  let out = '';
  for (const c of s) out += isUpper(c) ? lowerRune(c) : isLower(c) ? upperRune(c) : c;
  return out;
}

/** xstrings-style case conversion: split into words at case changes, digits→letters and separators. */
function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '_' || c === '-' || c === ' ' || c === '.' || isGoSpace(c)) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    if (cur && isUpper(c) && (isLower(prev) || /\d/.test(prev) || (isUpper(prev) && isLower(next)))) {
      out.push(cur);
      cur = '';
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function snakecase(s: string, sep = '_'): string {
  return splitWords(s).map(toLower).join(sep);
}

function camelcase(s: string): string {
  // underscores, dashes and spaces separate; each word capitalized; leading/trailing separators kept as one '_'
  const lead = /^[_\- ]+/.test(s) ? '_' : '';
  const trail = /[_\- ]+$/.test(s) && s.replace(/[_\- ]/g, '') !== '' ? '_' : '';
  const parts = s.split(/[_\- ]+/).filter(Boolean);
  return lead + parts.map((p) => upperRune([...p][0]) + [...p].slice(1).join('')).join('') + trail;
}

let shuffleSeed = 0x2545f491;
function shuffle(s: string): string {
  const a = [...s];
  for (let i = a.length - 1; i > 0; i--) {
    shuffleSeed = (shuffleSeed * 1103515245 + 12345) >>> 0;
    const j = shuffleSeed % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.join('');
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const x of Buffer.from(s, 'utf8')) { a = (a + x) % 65521; b = (b + a) % 65521; }
  return ((b << 16) | a) >>> 0;
}

function substr(start: number, end: number, s: string): string {
  const len = byteLen(s);
  if (start < 0) { if (end > len || end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}] with length ${len}`); return byteSlice(s, 0, end); }
  if (end < 0 || end > len) { if (start > len) throw new Error(`runtime error: slice bounds out of range [${start}:${len}]`); return byteSlice(s, start); }
  if (start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}]`);
  return byteSlice(s, start, end);
}

function trunc(c: number, s: string): string {
  const len = byteLen(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

const re = (s: string): GoRegexp => new GoRegexp(s);
function mustRe(s: string): GoRegexp {
  try { return re(s); } catch (e) { throw new Error(`regexp: Compile(${goQuote(s)}): ${(e as Error).message}`); }
}

function splitMap(parts: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  parts.forEach((p, i) => { m['_' + i] = p; });
  return tagType(m, 'map[string]string');
}

/** strings.SplitN semantics. */
function splitN(s: string, sep: string, nn: number): string[] {
  if (nn === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (nn < 0 || nn >= chars.length) return chars;
    return [...chars.slice(0, nn - 1), chars.slice(nn - 1).join('')];
  }
  const parts = s.split(sep);
  if (nn < 0 || parts.length <= nn) return parts;
  return [...parts.slice(0, nn - 1), parts.slice(nn - 1).join(sep)];
}

export function stringFuncs(): Record<string, SignedFunc> {
  return {
    hello: sig('', () => 'Hello!'),
    abbrev: sig('int, string', (w: GoInt, s: string) => abbreviateFull(s, 0, n(w)) ?? s),
    abbrevboth: sig('int, int, string', (l: GoInt, r: GoInt, s: string) => abbreviateFull(s, n(l), n(r)) ?? s),
    trunc: sig('int, string', (c: GoInt, s: string) => trunc(n(c), s), trimmedProv),
    trim: sig('string', trimSpace, trimmedProv),
    upper: sig('string', toUpper),
    lower: sig('string', toLower),
    title: sig('string', title),
    untitle: sig('string', untitle),
    substr: sig('int, int, string', (a: GoInt, b: GoInt, s: string) => substr(n(a), n(b), s)),
    repeat: sig('int, string', (c: GoInt, s: string) => repeat(n(c), s)),
    trimall: sig('string, string', (a: string, b: string) => trimCutset(b, a), trimmedProv),
    trimAll: sig('string, string', (a: string, b: string) => trimCutset(b, a), trimmedProv),
    trimSuffix: sig('string, string', (a: string, b: string) => (a && b.endsWith(a) ? b.slice(0, b.length - a.length) : b), trimmedProv),
    trimPrefix: sig('string, string', (a: string, b: string) => (a && b.startsWith(a) ? b.slice(a.length) : b), trimmedProv),
    nospace: sig('string', (s: string) => [...s].filter((c) => !isGoSpace(c)).join('')),
    initials: sig('string', initials),
    swapcase: sig('string', swapcase),
    shuffle: sig('string', shuffle),
    snakecase: sig('string', (s: string) => snakecase(s)),
    camelcase: sig('string', camelcase),
    kebabcase: sig('string', (s: string) => snakecase(s, '-')),
    wrap: sig('int, string', (l: GoInt, s: string) => wrap(s, n(l), '', false)),
    wrapWith: sig('int, string, string', (l: GoInt, sep: string, s: string) => wrap(s, n(l), sep, true)),
    contains: sig('string, string', (sub: string, s: string) => s.includes(sub)),
    hasPrefix: sig('string, string', (p: string, s: string) => s.startsWith(p)),
    hasSuffix: sig('string, string', (p: string, s: string) => s.endsWith(p)),
    quote: sig('...any', (...a: unknown[]) => a.filter((x) => x !== null && x !== undefined).map((x) => sprintf('%q', [strval(x)])).join(' '), quotedProv),
    squote: sig('...any', (...a: unknown[]) => a.filter((x) => x !== null && x !== undefined).map((x) => `'${strval(x)}'`).join(' '), quotedProv),
    cat: sig('...any', (...a: unknown[]) => a.filter((x) => x !== null && x !== undefined).map(strval).join(' ')),
    indent: sig('int, string', (sp: GoInt, s: string) => indent(n(sp), s), indentProv(false)),
    nindent: sig('int, string', (sp: GoInt, s: string) => '\n' + indent(n(sp), s), indentProv(true)),
    replace: sig('string, string, string', (o: string, nw: string, s: string) => s.split(o).join(nw)),
    plural: sig('string, string, int', (one: string, many: string, c: GoInt) => (n(c) === 1 ? one : many)),
    sha1sum: sig('string', (s: string) => createHash('sha1').update(s, 'utf8').digest('hex')),
    sha256sum: sig('string', (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')),
    adler32sum: sig('string', (s: string) => String(adler32(s))),
    toString: sig('any', strval, identityProv),
    split: sig('string, string', (sep: string, s: string) => splitMap(s.split(sep))),
    splitList: sig('string, string', (sep: string, s: string) => goStrings(sep === '' ? [...s] : s.split(sep))),
    splitn: sig('string, int, string', (sep: string, c: GoInt, s: string) => splitMap(splitN(s, sep, n(c)))),
    toStrings: sig('any', (v: unknown) => goStrings([...strslice(v)])),
    join: sig('string, any', (sep: string, v: unknown) => strslice(v).join(sep)),
    sortAlpha: sig('any', (v: unknown) => goStrings([...strslice(v)].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)))))),
    b64enc: sig('string', base64Encode),
    b64dec: sig('string', base64Decode),
    b32enc: sig('string', base32Encode),
    b32dec: sig('string', base32Decode),
    regexMatch: sig('string, string', (r: string, s: string) => { try { return re(r).test(s); } catch { return false; } }),
    mustRegexMatch: sig('string, string', (r: string, s: string) => re(r).test(s)),
    regexFindAll: sig('string, string, int', (r: string, s: string, c: GoInt) => goStrings(mustRe(r).findAll(s, n(c)))),
    mustRegexFindAll: sig('string, string, int', (r: string, s: string, c: GoInt) => goStrings(re(r).findAll(s, n(c)))),
    regexFind: sig('string, string', (r: string, s: string) => mustRe(r).find(s)),
    mustRegexFind: sig('string, string', (r: string, s: string) => re(r).find(s)),
    regexReplaceAll: sig('string, string, string', (r: string, s: string, repl: string) => mustRe(r).replaceAll(s, repl, false)),
    mustRegexReplaceAll: sig('string, string, string', (r: string, s: string, repl: string) => re(r).replaceAll(s, repl, false)),
    regexReplaceAllLiteral: sig('string, string, string', (r: string, s: string, repl: string) => mustRe(r).replaceAll(s, repl, true)),
    mustRegexReplaceAllLiteral: sig('string, string, string', (r: string, s: string, repl: string) => re(r).replaceAll(s, repl, true)),
    regexSplit: sig('string, string, int', (r: string, s: string, c: GoInt) => goStrings(mustRe(r).split(s, n(c)))),
    mustRegexSplit: sig('string, string, int', (r: string, s: string, c: GoInt) => goStrings(re(r).split(s, n(c)))),
    regexQuoteMeta: sig('string', (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
    atoi: sig('string', (s: string) => int(/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 9.3e18 ? Number(s) : 0)),
  };
}

export { keepsArg };
