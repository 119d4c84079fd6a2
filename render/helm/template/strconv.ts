/** The parts of Go's strconv the template language needs: literal unquoting and number parsing. */

/** Go's strconv.Unquote for "…", `…` and '…' literals; throws Error('invalid syntax'). */
export function unquoteGo(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new Error('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new Error('invalid syntax');
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === q && q === '"') throw new Error('invalid syntax');
    if (c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') { out += c; i++; continue; }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': if (q !== '"') throw new Error('invalid syntax'); out += '"'; break;
      case "'": if (q !== "'") throw new Error('invalid syntax'); out += "'"; break;
      case 'x': case 'u': case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
        const v = parseInt(hex, 16);
        i += n;
        if (e === 'x') out += utf8ByteChar(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new Error('invalid syntax');
          out += String.fromCodePoint(v);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
          const v = parseInt(oct, 8);
          if (v > 255) throw new Error('invalid syntax');
          out += utf8ByteChar(v);
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
    }
  }
  if (q === "'" && [...out].length !== 1) throw new Error('invalid syntax');
  return out;
}

/** A raw byte from \x / octal escapes: ASCII stays itself; other bytes become U+FFFD (strings are UTF-16 here). */
function utf8ByteChar(v: number): string { return v < 0x80 ? String.fromCharCode(v) : '\ufffd'; }

export interface GoNumber { isInt: boolean; isUint: boolean; isFloat: boolean; isComplex: boolean; int: number; float: number }

const INT_RE = [/^[0-9](_?[0-9])*$/, /^0[xX](_?[0-9a-fA-F])+$/, /^0[oO](_?[0-7])+$/, /^0[bB](_?[01])+$/, /^0(_?[0-7])+$/];

function parseIntText(t: string): bigint | undefined {
  if (!INT_RE.some((re) => re.test(t))) return undefined;
  const c = t.replace(/_/g, '');
  if (/^0[0-7]+$/.test(c)) return BigInt('0o' + c.slice(1));
  return BigInt(c.toLowerCase().replace(/^0o/, '0o'));
}

function parseFloatText(t: string): number | undefined {
  const c = t.replace(/_/g, '');
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c)) return Number(c);
  const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(c);
  if (m && (m[1] || m[2])) return (parseInt((m[1] || '0') + (m[2] || ''), 16) / 16 ** m[2].length) * 2 ** Number(m[3]);
  return undefined;
}

/** Go's parse.newNumber: which kinds the literal can be. Returns an error message string when illegal. */
export function parseGoNumber(text: string, isChar: boolean): GoNumber | string {
  const n: GoNumber = { isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0, float: 0 };
  if (isChar) {
    let r: string;
    try { r = unquoteGo(text); } catch { return `malformed character constant: ${text}`; }
    const v = r.codePointAt(0) ?? 0;
    return { ...n, isInt: true, isUint: true, isFloat: true, int: v, float: v };
  }
  if (text.endsWith('i')) return { ...n, isComplex: true };
  const neg = text.startsWith('-');
  const body = text.replace(/^[+-]/, '');
  const big = parseIntText(body);
  if (big !== undefined) {
    const v = neg ? -big : big;
    if (!neg && !text.startsWith('+') && v <= 18446744073709551615n) n.isUint = true;
    if (v >= -9223372036854775808n && v <= 9223372036854775807n) n.isInt = true;
    if (n.isInt || n.isUint) {
      n.isFloat = true;
      n.int = Number(v);
      n.float = Number(v);
      return n;
    }
  }
  const f = parseFloatText(body);
  if (f !== undefined && Number.isFinite(f)) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
    const v = neg ? -f : f;
    n.isFloat = true;
    n.float = v;
    if (Number.isInteger(v) && Math.abs(v) < 9.223372036854776e18) { n.isInt = true; n.int = v; }
    if (Number.isInteger(v) && v >= 0 && v < 1.8446744073709552e19) { n.isUint = true; n.int = v; }
    return n;
  }
  return `illegal number syntax: ${JSON.stringify(text)}`;
}
