/** CEL operators: heterogeneous equality, ordering, arithmetic with overflow checks. */
import { checkTimestamp } from './functions';
import { CelDuration, CelError, CelOpaque, CelOptional, CelTimestamp, CelType, CelUint, INT_MAX, INT_MIN, checkInt, checkUint, typeName, type Value } from './values';

function isNum(v: Value): v is bigint | number | CelUint { return typeof v === 'bigint' || typeof v === 'number' || v instanceof CelUint; }
function numOf(v: bigint | number | CelUint): bigint | number { return v instanceof CelUint ? v.v : v; }

/** Compares two numbers of any CEL numeric type exactly. */
function numCompare(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  // int or uint against double compares as doubles, as cel-go does (lossy for magnitudes above 2^53)
  const d = typeof a === 'number' ? a : b as number;
  if (Number.isNaN(d)) return NaN;
  const i = Number(typeof a === 'bigint' ? a : b as bigint);
  const c = d > i ? 1 : d < i ? -1 : 0;
  return typeof a === 'number' ? c : -c;
}

export function equals(a: Value, b: Value): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (isNum(a) && isNum(b)) return numCompare(numOf(a), numOf(b)) === 0;
  if (a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) { const w = b.get(k); if (w === undefined || !equals(v, w)) return false; }
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof CelType) return b instanceof CelType && a.name === b.name;
  if (a instanceof CelDuration) return b instanceof CelDuration && a.ns === b.ns;
  if (a instanceof CelTimestamp) return b instanceof CelTimestamp && a.ms === b.ms && a.nanos === b.nanos;
  if (a instanceof CelOptional) return b instanceof CelOptional && a.present === b.present && (!a.present || equals(a.value!, b.value!));
  if (a instanceof CelOpaque) return b instanceof CelOpaque && a.type === b.type && opaqueEquals(a, b);
  return false;
}

function opaqueEquals(a: CelOpaque, b: CelOpaque): boolean {
  const va = a.v as { equals?: (o: unknown) => boolean };
  if (typeof va?.equals === 'function') return va.equals(b.v);
  return String(a.v) === String(b.v);
}

export function compare(a: Value, b: Value, pos?: number): number {
  if (isNum(a) && isNum(b)) return numCompare(numOf(a), numOf(b));
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a instanceof CelDuration && b instanceof CelDuration) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return a.ms - b.ms || a.nanos - b.nanos;
  throw new CelError(`no matching overload for comparing ${typeName(a)} with ${typeName(b)}`, pos);
}

const NS_PER_MS = 1000000n;
function checkDuration(ns: bigint, pos?: number): CelDuration {
  // durations are int64 nanoseconds, as in cel-go
  if (ns > INT_MAX || ns < INT_MIN) throw new CelError('duration out of range', pos);
  return new CelDuration(ns);
}

export function add(a: Value, b: Value, pos?: number): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a + b);
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.v + b.v);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (a instanceof Uint8Array && b instanceof Uint8Array) { const o = new Uint8Array(a.length + b.length); o.set(a); o.set(b, a.length); return o; }
  if (a instanceof CelDuration && b instanceof CelDuration) return new CelDuration(checkInt(a.ns + b.ns));
  if (a instanceof CelTimestamp && b instanceof CelDuration) return shift(a, b.ns);
  if (a instanceof CelDuration && b instanceof CelTimestamp) return shift(b, a.ns);
  throw new CelError(`no matching overload for _+_ on ${typeName(a)} and ${typeName(b)}`, pos);
}

function shift(t: CelTimestamp, ns: bigint): CelTimestamp {
  const total = BigInt(t.ms) * NS_PER_MS + BigInt(t.nanos) + ns;
  const ms = total / NS_PER_MS - (total % NS_PER_MS < 0n ? 1n : 0n);
  return checkTimestamp(new CelTimestamp(Number(ms), Number(total - ms * NS_PER_MS)));
}

export function subtract(a: Value, b: Value, pos?: number): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a - b);
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.v - b.v);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof CelDuration && b instanceof CelDuration) return new CelDuration(checkInt(a.ns - b.ns));
  if (a instanceof CelTimestamp && b instanceof CelDuration) return shift(a, -b.ns);
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return checkDuration((BigInt(a.ms) - BigInt(b.ms)) * NS_PER_MS + BigInt(a.nanos - b.nanos), pos);
  throw new CelError(`no matching overload for _-_ on ${typeName(a)} and ${typeName(b)}`, pos);
}

export function multiply(a: Value, b: Value, pos?: number): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a * b);
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.v * b.v);
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  throw new CelError(`no matching overload for _*_ on ${typeName(a)} and ${typeName(b)}`, pos);
}

export function divide(a: Value, b: Value, pos?: number): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new CelError('division by zero', pos);
    return checkInt(a / b);
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.v === 0n) throw new CelError('division by zero', pos);
    return new CelUint(a.v / b.v);
  }
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  throw new CelError(`no matching overload for _/_ on ${typeName(a)} and ${typeName(b)}`, pos);
}

export function modulo(a: Value, b: Value, pos?: number): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new CelError('modulus by zero', pos);
    return a % b;
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.v === 0n) throw new CelError('modulus by zero', pos);
    return new CelUint(a.v % b.v);
  }
  throw new CelError(`no matching overload for _%_ on ${typeName(a)} and ${typeName(b)}`, pos);
}

export function negate(a: Value, pos?: number): Value {
  if (typeof a === 'bigint') return checkInt(-a);
  if (typeof a === 'number') return -a;
  if (a instanceof CelDuration) return new CelDuration(-a.ns);
  throw new CelError(`no matching overload for -_ on ${typeName(a)}`, pos);
}
