/** How go-yaml v2 resolves a plain scalar (YAML 1.1 booleans, nulls, ints, floats, timestamps). */

export type Resolved =
  | { tag: 'str'; v: string } | { tag: 'bool'; v: boolean } | { tag: 'null' } | { tag: 'int'; v: number; big?: bigint }
  | { tag: 'float'; v: number } | { tag: 'timestamp'; v: string } | { tag: 'merge' };

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN, '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity, '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint as a bigint, or undefined. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const n = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body.toLowerCase());
  return m[1] === '-' ? -n : n;
}

function daysIn(y: number, m: number): number { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }

/** go-yaml's timestamp forms: 2006-1-2, 2006-1-2 15:4:5.999999999, 2006-1-2T15:4:5.999999999Z07:00. */
export function isYamlTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})|( )(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?)?$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return false;
  const h = Number(m[5] ?? m[11] ?? 0);
  const mi = Number(m[6] ?? m[12] ?? 0);
  const se = Number(m[7] ?? m[13] ?? 0);
  if (h > 23 || mi > 59 || se > 59) return false;
  if (m[9] && m[9] !== 'Z') { const [zh, zm] = m[9].slice(1).split(':').map(Number); if (zh > 23 || zm > 59) return false; }
  return true;
}

/** Resolve a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlain(s: string): Resolved {
  if (BOOL_TRUE.has(s)) return { tag: 'bool', v: true };
  if (BOOL_FALSE.has(s)) return { tag: 'bool', v: false };
  if (NULLS.has(s)) return { tag: 'null' };
  if (s in SPECIAL_FLOATS) return { tag: 'float', v: SPECIAL_FLOATS[s] };
  if (s === '<<') return { tag: 'merge' };
  const c = s[0];
  if (c === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: 'float', v: Number(s) };
    return { tag: 'str', v: s };
  }
  if ((c >= '0' && c <= '9') || c === '+' || c === '-') {
    const year = /^\d{4}-/.test(s);
    if (year && isYamlTimestamp(s)) return { tag: 'timestamp', v: s };
    const plain = s.replace(/_/g, '');
    const n = parseGoInt(plain);
    if (n !== undefined) {
      if (n >= -9223372036854775808n && n <= 18446744073709551615n) return { tag: 'int', v: Number(n), big: n };
    }
    if (YAML_FLOAT.test(plain)) {
      const f = Number(plain);
      return { tag: 'float', v: f };
    }
    if (/^-?0b[01]+$/.test(plain)) {
      const neg = plain.startsWith('-');
      const v = BigInt(plain.replace('-', ''));
      return { tag: 'int', v: Number(neg ? -v : v), big: neg ? -v : v };
    }
  }
  return { tag: 'str', v: s };
}

/** go-yaml's isBase60Float: strings like 1:20 are quoted when written. */
export function isBase60Float(s: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}
