/** Kubernetes' list library, CEL's lists, sets and math extensions. */
import { CelError, CelOptional, CelUint, type Value } from './values';
import { asInt, define, fail } from './functions';
import { add, compare, equals } from './operators';

function list(v: Value | undefined, pos: number, fn: string): Value[] {
  if (!Array.isArray(v)) fail(pos, fn, v);
  return v;
}

define('isSorted', (r, _a, pos) => {
  const l = list(r, pos, 'isSorted');
  for (let i = 1; i < l.length; i++) if (compare(l[i - 1], l[i], pos) > 0) return false;
  return true;
});
define('sum', (r, _a, pos) => {
  const l = list(r, pos, 'sum');
  if (!l.length) return 0n;
  return l.slice(1).reduce((acc: Value, x) => add(acc, x, pos), l[0]);
});
const extreme = (sign: number, name: string) => (r: Value | undefined, a: Value[], pos: number): Value => {
  const l = r !== undefined ? list(r, pos, name) : a.length === 1 && Array.isArray(a[0]) ? a[0] : a;
  if (!l.length) throw new CelError(`${name}() of an empty list`, pos);
  return l.reduce((m, x) => (compare(x, m, pos) * sign > 0 ? x : m));
};
define('min', extreme(-1, 'min'));
define('max', extreme(1, 'max'));
define('math.least', extreme(-1, 'math.least'));
define('math.greatest', extreme(1, 'math.greatest'));
define('math.abs', (_r, a, pos) => {
  const x = a[0];
  if (typeof x === 'bigint') { if (x === -(2n ** 63n)) throw new CelError('integer overflow', pos); return x < 0n ? -x : x; }
  if (typeof x === 'number') return Math.abs(x);
  if (x instanceof CelUint) return x;
  fail(pos, 'math.abs', x);
});
for (const [n, f] of [['ceil', Math.ceil], ['floor', Math.floor], ['round', (x: number) => Math.sign(x) * Math.round(Math.abs(x))], ['trunc', Math.trunc]] as const) {
  define(`math.${n}`, (_r, a, pos) => { if (typeof a[0] !== 'number') fail(pos, `math.${n}`, a[0]); return f(a[0]); });
}
define('math.isNaN', (_r, a, pos) => { if (typeof a[0] !== 'number') fail(pos, 'math.isNaN', a[0]); return Number.isNaN(a[0]); });
define('math.isInf', (_r, a, pos) => { if (typeof a[0] !== 'number') fail(pos, 'math.isInf', a[0]); return Math.abs(a[0]) === Infinity; });

define('slice', (r, a, pos) => {
  const l = list(r, pos, 'slice');
  const from = asInt(a[0], pos, 'slice');
  const to = asInt(a[1], pos, 'slice');
  if (from < 0 || to > l.length || from > to) throw new CelError(`slice(${from}, ${to}) out of range`, pos);
  return l.slice(from, to);
});
define('flatten', (r, a, pos) => {
  const depth = a.length ? asInt(a[0], pos, 'flatten') : 1;
  if (depth < 0) throw new CelError('flatten() depth must be non-negative', pos);
  const flat = (l: Value[], d: number): Value[] => l.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
  return flat(list(r, pos, 'flatten'), depth);
});
define('distinct', (r, _a, pos) => {
  const out: Value[] = [];
  for (const x of list(r, pos, 'distinct')) if (!out.some((y) => equals(x, y))) out.push(x);
  return out;
});
define('sort', (r, _a, pos) => [...list(r, pos, 'sort')].sort((x, y) => compare(x, y, pos)));
define('lists.range', (_r, a, pos) => Array.from({ length: Math.max(0, asInt(a[0], pos, 'lists.range')) }, (_, i) => BigInt(i)));
define('first', (r, _a, pos) => { const l = list(r, pos, 'first'); return mkOpt(l[0]); });
define('last', (r, _a, pos) => { const l = list(r, pos, 'last'); return mkOpt(l[l.length - 1]); });

function mkOpt(v: Value | undefined): Value { return new CelOptional(v); }

define('sets.contains', (_r, a, pos) => {
  const [x, y] = [list(a[0], pos, 'sets.contains'), list(a[1], pos, 'sets.contains')];
  return y.every((e) => x.some((f) => equals(e, f)));
});
define('sets.equivalent', (_r, a, pos) => {
  const [x, y] = [list(a[0], pos, 'sets.equivalent'), list(a[1], pos, 'sets.equivalent')];
  return y.every((e) => x.some((f) => equals(e, f))) && x.every((e) => y.some((f) => equals(e, f)));
});
define('sets.intersects', (_r, a, pos) => {
  const [x, y] = [list(a[0], pos, 'sets.intersects'), list(a[1], pos, 'sets.intersects')];
  return y.some((e) => x.some((f) => equals(e, f)));
});

// ---- the rest of CEL's math extension ----
define('math.sign', (_r, a, pos) => {
  const x = a[0];
  if (typeof x === 'bigint') return x > 0n ? 1n : x < 0n ? -1n : 0n;
  if (x instanceof CelUint) return new CelUint(x.v > 0n ? 1n : 0n);
  if (typeof x === 'number') return Number.isNaN(x) ? x : Math.sign(x);
  fail(pos, 'math.sign', x);
});
define('math.isFinite', (_r, a, pos) => { if (typeof a[0] !== 'number') fail(pos, 'math.isFinite', a[0]); return Number.isFinite(a[0]); });
const INT_BITS = 64n;
function bitOp(name: string, f: (x: bigint, y: bigint) => bigint): void {
  define(`math.${name}`, (_r, a, pos) => {
    const [x, y] = a;
    if (typeof x === 'bigint' && typeof y === 'bigint') return BigInt.asIntN(64, f(x, y));
    if (x instanceof CelUint && y instanceof CelUint) return new CelUint(BigInt.asUintN(64, f(x.v, y.v)));
    fail(pos, `math.${name}`, x, y);
  });
}
bitOp('bitAnd', (x, y) => x & y);
bitOp('bitOr', (x, y) => x | y);
bitOp('bitXor', (x, y) => x ^ y);
define('math.bitNot', (_r, a, pos) => {
  const x = a[0];
  if (typeof x === 'bigint') return ~x;
  if (x instanceof CelUint) return new CelUint(BigInt.asUintN(64, ~x.v));
  fail(pos, 'math.bitNot', x);
});
for (const dir of ['Left', 'Right'] as const) {
  define(`math.bitShift${dir}`, (_r, a, pos) => {
    const [x, n] = a;
    if (typeof n !== 'bigint') fail(pos, `math.bitShift${dir}`, x, n);
    if (n < 0n) throw new CelError(`math.bitShift${dir}() with a negative shift`, pos);
    const k = n > INT_BITS ? INT_BITS : n;
    // Go shifts logically: a shift of 64 bits or more gives 0, for ints as for uints
    if (typeof x === 'bigint') return k >= INT_BITS ? 0n : dir === 'Left' ? BigInt.asIntN(64, x << k) : BigInt.asIntN(64, BigInt.asUintN(64, x) >> k);
    if (x instanceof CelUint) return new CelUint(k >= INT_BITS ? 0n : dir === 'Left' ? BigInt.asUintN(64, x.v << k) : x.v >> k);
    fail(pos, `math.bitShift${dir}`, x, n);
  });
}
