/** The strings extension's `format`: %s %d %f %e %b %o %x %X and %%, with an optional precision. */
import { CelDuration, CelError, CelTimestamp, CelType, CelUint, formatDouble, formatDuration, typeName, type Value } from './values';

export function formatValue(fmt: string, args: Value[], pos: number): string {
  let out = '';
  let k = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') { out += c; continue; }
    if (fmt[i + 1] === '%') { out += '%'; i++; continue; }
    const m = /^(?:\.(\d+))?([sdfebxXo])/.exec(fmt.slice(i + 1));
    if (!m) throw new CelError(`format: unrecognized verb at ${i}`, pos);
    if (k >= args.length) throw new CelError(`format: index ${k} out of range`, pos);
    out += verb(m[2], m[1] === undefined ? undefined : Number(m[1]), args[k++], pos);
    i += m[0].length;
  }
  return out;
}

function verb(v: string, prec: number | undefined, x: Value, pos: number): string {
  switch (v) {
    case 's': return asText(x, pos);
    case 'd':
      if (typeof x === 'bigint') return x.toString();
      if (x instanceof CelUint) return x.v.toString();
      if (typeof x === 'number' && !Number.isFinite(x)) return nonFinite(x);
      break;
    case 'f': {
      const n = num(x);
      if (n !== undefined) return Number.isFinite(n) ? toFixedEven(n, prec ?? 6) : nonFinite(n);
      break;
    }
    case 'e': {
      const n = num(x);
      if (n !== undefined && !Number.isFinite(n)) return nonFinite(n);
      if (n !== undefined) { const [m, e] = n.toExponential(prec ?? 6).split('e'); return `${m}e${e[0]}${e.slice(1).padStart(2, '0')}`; }
      break;
    }
    case 'b': case 'o': case 'x': case 'X': {
      const radix = v === 'b' ? 2 : v === 'o' ? 8 : 16;
      let s: string | undefined;
      if (typeof x === 'bigint') s = x.toString(radix);
      else if (x instanceof CelUint) s = x.v.toString(radix);
      else if (typeof x === 'boolean' && v === 'b') s = x ? '1' : '0';
      else if (typeof x === 'string' && radix === 16) s = Buffer.from(x, 'utf8').toString('hex');
      else if (x instanceof Uint8Array && radix === 16) s = Buffer.from(x).toString('hex');
      if (s !== undefined) return v === 'X' ? s.toUpperCase() : s;
      break;
    }
  }
  throw new CelError(`format: %${v} does not take ${typeName(x)}`, pos);
}

const nonFinite = (n: number) => (Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity');

/** toFixed with exact halves rounded to even, as Go's strconv does (toFixed rounds them away from zero). */
function toFixedEven(n: number, prec: number): string {
  const up = n.toFixed(prec);
  if (prec > 60) return up;
  const exact = Math.abs(n).toFixed(Math.min(100, prec + 40));
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + prec);
  if (!/^50*$/.test(tail)) return up;
  const down = (n < 0 ? '-' : '') + exact.slice(0, prec ? dot + 1 + prec : dot);
  const last = (s: string) => Number(s.replace(/\D/g, '').slice(-1));
  return last(down) % 2 === 0 ? down : up;
}

function num(x: Value): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof CelUint) return Number(x.v);
  return undefined;
}

function asText(x: Value, pos: number): string {
  if (typeof x === 'string') return x;
  if (x === null) return 'null';
  if (typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  if (x instanceof CelUint) return x.v.toString();
  if (typeof x === 'number') return Number.isFinite(x) ? formatDouble(x) : nonFinite(x);
  if (x instanceof CelType) return x.name;
  if (x instanceof Uint8Array) return Buffer.from(x).toString('utf8');
  if (x instanceof CelDuration) return formatDuration(x);
  if (x instanceof CelTimestamp) return new Date(x.ms).toISOString().replace('.000Z', 'Z');
  if (Array.isArray(x)) return `[${x.map((e) => asText(e, pos)).join(', ')}]`;
  if (x instanceof Map) {
    const entries = [...x].map(([k, v]) => [asText(k, pos), asText(v, pos)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  }
  return typeName(x);
}
