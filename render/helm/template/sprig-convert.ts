/** Conversions Sprig applies to its arguments (strval, string slices, ints and floats as the cast library does). */
import { formatArg } from './fmt';
import { GoInt, goTypeTag, isStringer, tagType } from './go-value';

const V = { plus: false, minus: false, sharp: false, space: false, zero: false };

/** Sprig's strval: strings as they are, Stringers through String(), anything else as %v (nil -> "<nil>"). */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.message;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (isStringer(v)) return v.String();
  return formatArg(v === undefined ? null : v, 'v', V);
}

/** A []string, as Go types it. */
export function goStrings(a: string[]): string[] { return tagType(a, '[]string'); }

/** Sprig's strslice: []string as is; other lists with nil items skipped; a scalar as a one-item list; nil as empty. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) {
    if (goTypeTag(v) === '[]string') return v as string[];
    return v.filter((x) => x !== null && x !== undefined).map(strval);
  }
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function trimZeroDecimal(s: string): string {
  const m = /^(.*)\.(0+)$/.exec(s);
  return m ? m[1] : s;
}

/** Go's strconv.ParseInt(s, 0, 64); undefined when it fails. */
export function parseIntBase0(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  if (body.includes('_')) {
    if (!/^0[xXoObB]?(_?[0-9a-fA-F])+$/.test(body) && !/^[1-9](_?[0-9])*$/.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  let n: bigint;
  if (/^0[0-7]+$/.test(body)) n = BigInt('0o' + body.slice(1));
  else n = BigInt(body.toLowerCase());
  if (m[1] === '-') n = -n;
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

/** Go's strconv.ParseFloat(s, 64); undefined when it fails. */
export function parseFloatGo(s: string): number | undefined {
  const t = s.replace(/^[+]/, '');
  if (/^-?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^-?0[xX]/.test(t)) {
    const m = /^(-?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)([pP]([+-]?\d+))?$/.exec(t);
    if (m && (m[2] || m[3])) {
      const v = (parseInt((m[2] || '0') + (m[3] || ''), 16) / 16 ** m[3].length) * 2 ** Number(m[5] ?? 0);
      return m[1] ? -v : v;
    }
  }
  return undefined;
}

/** float64 -> int64 as Go converts on amd64 (truncation; out of range gives the minimum int64). */
export function truncInt(f: number): number {
  if (!Number.isFinite(f) || Math.abs(f) >= 9.223372036854776e18) return -9223372036854775808;
  return Math.trunc(f) || 0;
}

/** cast.ToInt64 (errors become 0). */
export function toInt64(v: unknown): number {
  if (v instanceof GoInt) return v.value;
  switch (typeof v) {
    case 'number': return truncInt(v);
    case 'boolean': return v ? 1 : 0;
    case 'string': return parseIntBase0(trimZeroDecimal(v)) ?? 0;
  }
  return 0;
}

/** cast.ToFloat64 (errors become 0). */
export function toFloat64(v: unknown): number {
  if (v instanceof GoInt) return v.value;
  switch (typeof v) {
    case 'number': return v;
    case 'boolean': return v ? 1 : 0;
    case 'string': return parseFloatGo(v) ?? 0;
  }
  return 0;
}

export function int64(n: number): GoInt { return new GoInt(n, 'int64'); }
export function int(n: number): GoInt { return new GoInt(n, 'int'); }
