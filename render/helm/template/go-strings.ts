/** Go's strings/unicode behaviour the Sprig string functions rely on. */

const SPACE_RE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

export function isGoSpace(c: string): boolean { return SPACE_RE.test(c); }

export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s[a])) a++;
  while (b > a && isGoSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/** strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string, left = true, right = true): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a])) a++;
  if (right) while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

/** Single code point case mapping (Go maps rune by rune; JavaScript's full mappings like ß -> SS are not used). */
export function upperRune(c: string): string { const u = c.toUpperCase(); return [...u].length === 1 ? u : c; }
export function lowerRune(c: string): string { const l = c.toLowerCase(); return [...l].length === 1 ? l : c; }
export function toUpper(s: string): string { let o = ''; for (const c of s) o += upperRune(c); return o; }
export function toLower(s: string): string { let o = ''; for (const c of s) o += lowerRune(c); return o; }

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);
export const isUpper = (c: string): boolean => /\p{Lu}/u.test(c);
export const isLower = (c: string): boolean => /\p{Ll}/u.test(c);

function isSeparator(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (isLetter(c) || isDigit(c)) return false;
  return isGoSpace(c);
}

/** strings.Title: the first letter of each word in title case. */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? upperRune(c) : c;
    prev = c;
  }
  return out;
}

/** Bytes of a string as UTF-8, and back (invalid sequences become U+FFFD). */
export function utf8(s: string): Buffer { return Buffer.from(s, 'utf8'); }
export function fromUtf8(b: Uint8Array): string { return Buffer.from(b).toString('utf8'); }

/** s[a:b] on UTF-8 bytes, as Go slices strings. */
export function byteSlice(s: string, a: number, b?: number): string {
  const buf = utf8(s);
  return fromUtf8(buf.subarray(a, b ?? buf.length));
}

export function byteLen(s: string): number { return Buffer.byteLength(s, 'utf8'); }
