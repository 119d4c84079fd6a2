/**
 * Scalar resolution as kustomize's two YAML libraries do it. Input is read like Go's yaml.v3 (YAML 1.2
 * core plus Go's number syntax and timestamps); output is written like yaml.v2 (YAML 1.1 booleans such as
 * `yes`/`on`/`y` must be quoted). kustomize prints through a JSON round trip, so a value's tag decides its
 * printed form: `1.0` becomes `1`, an unquoted date becomes an RFC 3339 time.
 */

const V3_MAP: Record<string, string> = {
  true: '!!bool', True: '!!bool', TRUE: '!!bool', false: '!!bool', False: '!!bool', FALSE: '!!bool',
  '': '!!null', '~': '!!null', null: '!!null', Null: '!!null', NULL: '!!null',
  '.nan': '!!float', '.NaN': '!!float', '.NAN': '!!float',
  '.inf': '!!float', '.Inf': '!!float', '.INF': '!!float', '+.inf': '!!float', '+.Inf': '!!float', '+.INF': '!!float',
  '-.inf': '!!float', '-.Inf': '!!float', '-.INF': '!!float', '<<': '!!merge',
};

const V2_EXTRA = ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];
const V2_MAP: Record<string, string> = { ...V3_MAP };
for (const k of V2_EXTRA) V2_MAP[k] = '!!bool';
delete V2_MAP['<<'];

function hint(c: string): string {
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) (signed) or ParseUint (unsigned): the value, or undefined. */
export function goParseInt(s: string, unsigned = false): bigint | undefined {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) { neg = s[0] === '-'; i = 1; }
  let base = 10;
  let digits = s.slice(i);
  if (digits[0] === '0' && digits.length > 1) {
    const p = digits[1].toLowerCase();
    if (p === 'x') { base = 16; digits = digits.slice(2); } else if (p === 'b') { base = 2; digits = digits.slice(2); } else if (p === 'o') { base = 8; digits = digits.slice(2); } else { base = 8; digits = digits.slice(1); }
  }
  if (!digits) return undefined;
  const re = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!re.test(digits)) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of digits) v = v * b + BigInt(parseInt(ch, 16));
  if (neg) v = -v;
  if (unsigned ? v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const TS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_FULL = /^(\d{4})-(\d{1,2})-(\d{1,2})([Tt]|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function daysIn(month: number, year: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** A timestamp in one of the formats Go's YAML libraries accept, as the fields of a time. */
export function parseTimestamp(s: string): { y: number; mo: number; d: number; h: number; mi: number; sec: number; frac: string; zone: string } | undefined {
  let m = TS_DATE.exec(s);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y)) return undefined;
    return { y, mo, d, h: 0, mi: 0, sec: 0, frac: '', zone: 'Z' };
  }
  m = TS_FULL.exec(s);
  if (!m) return undefined;
  const sep = m[4];
  const zone = m[9];
  // "T"/"t" forms need a zone; the space form has none
  if (sep === ' ' ? zone !== undefined : zone === undefined) return undefined;
  const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +m[5], +m[6], +m[7]];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 || sec > 59) return undefined;
  const z = zone === undefined || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  return { y, mo, d, h, mi, sec, frac: (m[8] ?? '').slice(1), zone: z };
}

/** RFC 3339 with nanoseconds, as Go's time.Time marshals to JSON. */
export function formatTimestamp(s: string): string {
  const t = parseTimestamp(s);
  if (!t) return s;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const frac = t.frac.slice(0, 9).replace(/0+$/, '');
  return `${String(t.y).padStart(4, '0')}-${p2(t.mo)}-${p2(t.d)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.sec)}${frac ? '.' + frac : ''}${t.zone}`;
}

/** First characters of every key of the tables and of numbers, signs and dots: any other starts a string. */
function maybeSpecial(c: number): boolean {
  // t T f F n N y Y o O ~ . + - < 0-9
  return (c >= 48 && c <= 57) || c === 116 || c === 84 || c === 102 || c === 70 || c === 110 || c === 78 || c === 121 || c === 89 || c === 111 || c === 79 || c === 126 || c === 46 || c === 43 || c === 45 || c === 60;
}

function resolveNumeric(s: string, table: Record<string, string>): string {
  if (s.length && !maybeSpecial(s.charCodeAt(0))) return '!!str';
  const mapped = table[s];
  if (mapped !== undefined) return mapped;
  const h = s ? hint(s[0]) : 'N';
  if (h === '.') return DOT_FLOAT.test(s) ? '!!float' : '!!str';
  if (h !== 'D' && h !== 'S') return '!!str';
  if (parseTimestamp(s)) return '!!timestamp';
  const plain = s.replace(/_/g, '');
  if (goParseInt(plain) !== undefined || goParseInt(plain, true) !== undefined) return '!!int';
  if (YAML_FLOAT.test(plain)) return '!!float';
  return '!!str';
}

/** The tag yaml.v3 gives a plain scalar. */
export function resolvePlain(s: string): string { return resolveNumeric(s, V3_MAP); }

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Would yaml.v2 read this string back as something else if written plain? (Then it is quoted.) */
export function v2NeedsQuotes(s: string): boolean {
  if (resolveNumeric(s, V2_MAP) !== '!!str') return true;
  return /^[-+0-9]/.test(s) && s.includes(':') && BASE60.test(s);
}

/** The value a JSON round trip gives a scalar: what kustomize prints. */
export type JsonScalar = null | boolean | string | { int: bigint } | { float: number };

export function decodeScalar(tag: string, value: string): JsonScalar {
  const t = tag === '' ? resolvePlain(value) : tag;
  switch (t) {
    case '!!null': return null;
    case '!!bool': return /^(true|True|TRUE|y|Y|yes|Yes|YES|on|On|ON)$/.test(value);
    case '!!int': {
      const plain = value.replace(/_/g, '');
      const v = goParseInt(plain) ?? goParseInt(plain, true);
      if (v !== undefined) return { int: v };
      const f = Number(plain);
      return Number.isFinite(f) ? { float: f } : value;
    }
    case '!!float': {
      const plain = value.replace(/_/g, '');
      if (/^[-+]?\.(inf|Inf|INF)$/.test(plain)) return { float: plain.startsWith('-') ? -Infinity : Infinity };
      if (/^\.(nan|NaN|NAN)$/.test(plain)) return { float: NaN };
      return { float: Number(plain) };
    }
    case '!!timestamp': return formatTimestamp(value);
    default: return value;
  }
}

/**
 * A float as it comes out of kustomize: Go's JSON encoding, read back by yaml.v2 (an integral value that
 * fits 64 bits becomes an int) and printed with strconv 'g' formatting.
 */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e21) {
    const big = BigInt(f);
    if (big >= INT64_MIN && big <= UINT64_MAX) return big.toString();
  }
  return goFormatG(f);
}

/** strconv.FormatFloat(f, 'g', -1, 64). */
export function goFormatG(f: number): string {
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expS] = f.toExponential().split('e');
  const exp = Number(expS);
  if (exp < -4 || exp >= 21 || (exp >= 6)) {
    const sign = exp < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}
