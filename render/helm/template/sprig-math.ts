/** Sprig's math and number conversion functions (integer math in int64, float math through exact decimals). */
import { type SignedFunc, sig } from './func-sig';
import { GoInt } from './go-value';
import { nodeOnlyProv } from './prov';
import { int, int64, strval, toFloat64, toInt64, truncInt } from './sprig-convert';
import { formatArg } from './fmt';

/** An exact decimal: value = m × 10^e. */
interface Dec { m: bigint; e: number }

function decOf(f: number): Dec {
  if (!Number.isFinite(f)) return { m: 0n, e: 0 };
  if (f === 0) return { m: 0n, e: 0 };
  const [mant, ex] = f.toExponential().split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const e = Number(ex) - (digits.length - 1);
  return { m: BigInt((neg ? '-' : '') + digits), e };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

const toNum = (d: Dec): number => Number(`${d.m}e${d.e}`);
const add = (a: Dec, b: Dec): Dec => { const [x, y, e] = align(a, b); return { m: x + y, e }; };
const sub = (a: Dec, b: Dec): Dec => { const [x, y, e] = align(a, b); return { m: x - y, e }; };
const mul = (a: Dec, b: Dec): Dec => ({ m: a.m * b.m, e: a.e + b.e });

/** a / b rounded to 16 decimal places, half away from zero (the decimal library's default division). */
function div(a: Dec, b: Dec): Dec {
  if (b.m === 0n) throw new Error('decimal division by 0');
  const prec = 16;
  // q = a.m * 10^(a.e - b.e + prec) / b.m, as an integer at exponent -prec
  const shift = a.e - b.e + prec;
  let num = a.m;
  let den = b.m;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const neg = (num < 0n) !== (den < 0n);
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return { m: neg ? -q : q, e: -prec };
}

function round(a: unknown, p: number, on: number): number {
  const val = toFloat64(a);
  const pow = 10 ** p;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= on ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

const f64 = (v: unknown): Dec => decOf(toFloat64(v));
const I = (n: number): GoInt => int64(n);

function idiv(a: number, b: number): number {
  if (b === 0) throw new Error('runtime error: integer divide by zero');
  return Math.trunc(a / b);
}

export function mathFuncs(): Record<string, SignedFunc> {
  return {
    add1: sig('any', (a: unknown) => I(toInt64(a) + 1)),
    add: sig('...any', (...a: unknown[]) => I(a.reduce<number>((s, x) => s + toInt64(x), 0))),
    sub: sig('any, any', (a: unknown, b: unknown) => I(toInt64(a) - toInt64(b))),
    div: sig('any, any', (a: unknown, b: unknown) => I(idiv(toInt64(a), toInt64(b)))),
    mod: sig('any, any', (a: unknown, b: unknown) => { const y = toInt64(b); if (y === 0) throw new Error('runtime error: integer divide by zero'); return I(toInt64(a) % y || 0); }),
    mul: sig('any, ...any', (a: unknown, ...v: unknown[]) => I(v.reduce<number>((s, x) => s * toInt64(x), toInt64(a)))),
    randInt: sig('int, int', (lo: GoInt) => int(lo.value)),
    add1f: sig('any', (a: unknown) => toNum(add(f64(a), { m: 1n, e: 0 }))),
    addf: sig('...any', (...a: unknown[]) => toNum(a.reduce<Dec>((s, x) => add(s, f64(x)), { m: 0n, e: 0 }))),
    subf: sig('any, ...any', (a: unknown, ...v: unknown[]) => toNum(v.reduce<Dec>((s, x) => sub(s, f64(x)), f64(a)))),
    mulf: sig('any, ...any', (a: unknown, ...v: unknown[]) => toNum(v.reduce<Dec>((s, x) => mul(s, f64(x)), f64(a)))),
    divf: sig('any, ...any', (a: unknown, ...v: unknown[]) => toNum(v.reduce<Dec>((s, x) => div(s, f64(x)), f64(a)))),
    biggest: sig('any, ...any', (a: unknown, ...v: unknown[]) => I(Math.max(toInt64(a), ...v.map(toInt64)))),
    max: sig('any, ...any', (a: unknown, ...v: unknown[]) => I(Math.max(toInt64(a), ...v.map(toInt64)))),
    min: sig('any, ...any', (a: unknown, ...v: unknown[]) => I(Math.min(toInt64(a), ...v.map(toInt64)))),
    maxf: sig('any, ...any', (a: unknown, ...v: unknown[]) => Math.max(toFloat64(a), ...v.map(toFloat64))),
    minf: sig('any, ...any', (a: unknown, ...v: unknown[]) => Math.min(toFloat64(a), ...v.map(toFloat64))),
    ceil: sig('any', (a: unknown) => Math.ceil(toFloat64(a))),
    floor: sig('any', (a: unknown) => Math.floor(toFloat64(a))),
    round: sig('any, int, ...float64', (a: unknown, p: GoInt, ...on: number[]) => round(a, p.value, on.length ? on[0] : 0.5)),
    int: sig('any', (v: unknown) => int(toInt64(v)), nodeOnlyProv),
    int64: sig('any', (v: unknown) => int64(toInt64(v)), nodeOnlyProv),
    float64: sig('any', (v: unknown) => toFloat64(v), nodeOnlyProv),
    toDecimal: sig('any', (v: unknown) => {
      const s = v === null || v === undefined ? '<nil>' : typeof v === 'string' ? v : formatArg(v, 'v', { plus: false, minus: false, sharp: false, space: false, zero: false });
      const m = /^([+-]?)([0-7]+)$/.exec(s);
      if (!m) return int64(0);
      const n = BigInt('0o' + m[2]);
      if (n > 9223372036854775807n) return int64(0);
      return int64(Number(m[1] === '-' ? -n : n));
    }),
  };
}

export { strval, truncInt };
