/** CEL function dispatch and the standard definitions: size, conversions, type, string basics, time. */
import { CelDuration, CelError, CelOptional, CelTimestamp, CelType, CelUint, CelUnknown, INT_MAX, INT_MIN, UINT_MAX, checkInt, formatDouble, formatDuration, typeName, type Value } from './values';
import type { EvalState } from './eval';

export type Impl = (recv: Value | undefined, args: Value[], pos: number, st: EvalState) => Value;

const registry = new Map<string, Impl>();
export function define(name: string, impl: Impl): void { registry.set(name, impl); }

export const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'google.protobuf.Duration', 'google.protobuf.Timestamp', 'optional_type']);

/** Functions that read the live cluster (Kyverno's and Kubernetes' libraries): not evaluable offline. */
const OFFLINE = /^(authorizer|resource|http|globalContext|image|imagedata|x509|generator)\b|^(GetMetadata|Get|List|Post|Fetch|ListResources|GetResource|GetImageData)$/;

export function callFunction(name: string, recv: Value | undefined, args: Value[], pos: number, st: EvalState): Value {
  const impl = registry.get(name);
  if (!impl) {
    if (OFFLINE.test(name)) throw new CelUnknown(`${name}() reads the live cluster`);
    throw new CelUnknown(`function ${name}() is not supported`);
  }
  return impl(recv, args, pos, st);
}

export function knownFunction(name: string): boolean { return registry.has(name); }

export function fail(pos: number, fn: string, ...vals: (Value | undefined)[]): never {
  throw new CelError(`no matching overload for ${fn}(${vals.filter((v) => v !== undefined).map((v) => typeName(v!)).join(', ')})`, pos);
}

/** Receiver or first argument: lets `size(x)` and `x.size()` share one definition. */
export function operands(recv: Value | undefined, args: Value[]): Value[] { return recv === undefined ? args : [recv, ...args]; }

export function asString(v: Value | undefined, pos: number, fn: string): string {
  if (typeof v !== 'string') fail(pos, fn, v);
  return v;
}
export function asInt(v: Value | undefined, pos: number, fn: string): number {
  if (typeof v !== 'bigint') fail(pos, fn, v);
  return Number(v);
}

define('size', (r, a, pos) => {
  const [x] = operands(r, a);
  if (typeof x === 'string') return BigInt([...x].length);
  if (x instanceof Uint8Array || Array.isArray(x)) return BigInt(x.length);
  if (x instanceof Map) return BigInt(x.size);
  fail(pos, 'size', x);
});

define('type', (r, a) => new CelType(typeName(operands(r, a)[0])));
define('dyn', (r, a) => operands(r, a)[0]);

define('int', (r, a, pos) => {
  const [x] = operands(r, a);
  if (typeof x === 'bigint') return x;
  if (x instanceof CelUint) return checkInt(x.v);
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || x >= 9223372036854775807 || x <= -9223372036854775808) throw new CelError('int() out of range', pos);
    return BigInt(Math.trunc(x));
  }
  if (typeof x === 'string') {
    if (!/^[+-]?[0-9]+$/.test(x)) throw new CelError(`int() cannot parse '${x}'`, pos);
    const v = BigInt(x);
    if (v < INT_MIN || v > INT_MAX) throw new CelError('int() out of range', pos);
    return v;
  }
  if (x instanceof CelTimestamp) return BigInt(Math.floor(x.ms / 1000));
  if (x instanceof CelDuration) return x.ns;
  fail(pos, 'int', x);
});

define('uint', (r, a, pos) => {
  const [x] = operands(r, a);
  if (x instanceof CelUint) return x;
  let v: bigint;
  if (typeof x === 'bigint') v = x;
  else if (typeof x === 'number') {
    if (!Number.isFinite(x) || x < 0 || x >= 18446744073709551616) throw new CelError('uint() out of range', pos);
    v = BigInt(Math.trunc(x));
  } else if (typeof x === 'string') {
    if (!/^\+?[0-9]+$/.test(x)) throw new CelError(`uint() cannot parse '${x}'`, pos);
    v = BigInt(x);
  } else fail(pos, 'uint', x);
  if (v < 0n || v > UINT_MAX) throw new CelError('uint() out of range', pos);
  return new CelUint(v);
});

define('double', (r, a, pos) => {
  const [x] = operands(r, a);
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof CelUint) return Number(x.v);
  if (typeof x === 'string') {
    const t = x.trim();
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(t)) return NaN;
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) throw new CelError(`double() cannot parse '${x}'`, pos);
    return Number(t);
  }
  fail(pos, 'double', x);
});

define('string', (r, a, pos) => {
  const [x] = operands(r, a);
  if (typeof x === 'string') return x;
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof CelUint) return x.v.toString();
  if (typeof x === 'number') return formatDouble(x);
  if (typeof x === 'boolean') return String(x);
  if (x instanceof Uint8Array) {
    try { return new TextDecoder('utf-8', { fatal: true }).decode(x); } catch { throw new CelError('string() of invalid UTF-8 bytes', pos); }
  }
  if (x instanceof CelDuration) return formatDuration(x);
  if (x instanceof CelTimestamp) return formatTimestamp(x);
  if (x instanceof CelType) return x.name;
  fail(pos, 'string', x);
});

define('bytes', (r, a, pos) => {
  const [x] = operands(r, a);
  if (x instanceof Uint8Array) return x;
  if (typeof x === 'string') return new Uint8Array(Buffer.from(x, 'utf8'));
  fail(pos, 'bytes', x);
});

define('bool', (r, a, pos) => {
  const [x] = operands(r, a);
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') {
    if (['1', 't', 'true', 'TRUE', 'True'].includes(x)) return true;
    if (['0', 'f', 'false', 'FALSE', 'False'].includes(x)) return false;
    throw new CelError(`bool() cannot parse '${x}'`, pos);
  }
  fail(pos, 'bool', x);
});

define('contains', (r, a, pos) => asString(r, pos, 'contains').includes(asString(a[0], pos, 'contains')));
define('startsWith', (r, a, pos) => asString(r, pos, 'startsWith').startsWith(asString(a[0], pos, 'startsWith')));
define('endsWith', (r, a, pos) => asString(r, pos, 'endsWith').endsWith(asString(a[0], pos, 'endsWith')));

// ---- time ----
const UNITS: Record<string, bigint> = { h: 3600000000000n, m: 60000000000n, s: 1000000000n, ms: 1000000n, us: 1000n, 'µs': 1000n, ns: 1n };

export function parseDuration(s: string, pos: number): CelDuration {
  const m = /^([+-]?)((?:[0-9]*\.?[0-9]+(?:h|ms|m|s|us|µs|ns))+|0)$/.exec(s);
  if (!m) throw new CelError(`invalid duration '${s}'`, pos);
  let ns = 0n;
  for (const part of m[2].matchAll(/([0-9]*\.?[0-9]+)(h|ms|m|s|us|µs|ns)/g)) {
    const [whole, frac = ''] = part[1].split('.');
    const unit = UNITS[part[2]];
    ns += BigInt(whole || '0') * unit + (frac ? (BigInt(frac) * unit) / 10n ** BigInt(frac.length) : 0n);
  }
  if (m[1] === '-') ns = -ns;
  if (ns > 315576000000n * 1000000000n || ns < -315576000000n * 1000000000n) throw new CelError('duration out of range', pos);
  return new CelDuration(ns);
}

define('duration', (r, a, pos) => {
  const [x] = operands(r, a);
  if (x instanceof CelDuration) return x;
  return parseDuration(asString(x, pos, 'duration'), pos);
});

define('timestamp', (r, a, pos) => {
  const [x] = operands(r, a);
  if (x instanceof CelTimestamp) return x;
  if (typeof x === 'bigint') return checkTimestamp(new CelTimestamp(Number(x) * 1000), pos);
  const s = asString(x, pos, 'timestamp');
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new CelError(`invalid timestamp '${s}'`, pos);
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4].toUpperCase()}`);
  if (Number.isNaN(ms)) throw new CelError(`invalid timestamp '${s}'`, pos);
  const frac = (m[3] ?? '').padEnd(9, '0');
  return checkTimestamp(new CelTimestamp(ms + Number(frac.slice(0, 3)), Number(frac.slice(3))), pos);
});

/** Timestamps range over years 1 to 9999, as in cel-go. */
const TS_MIN = new Date(0); TS_MIN.setUTCFullYear(1, 0, 1); TS_MIN.setUTCHours(0, 0, 0, 0);
const TS_MAX = new Date(0); TS_MAX.setUTCFullYear(9999, 11, 31); TS_MAX.setUTCHours(23, 59, 59, 999);
export function checkTimestamp(t: CelTimestamp, pos?: number): CelTimestamp {
  if (t.ms < TS_MIN.getTime() || t.ms > TS_MAX.getTime()) throw new CelError('timestamp out of range', pos);
  return t;
}

export function formatTimestamp(t: CelTimestamp): string {
  const iso = new Date(t.ms).toISOString();
  const ms = t.ms % 1000;
  const frac = ((ms < 0 ? ms + 1000 : ms) * 1000000 + t.nanos).toString().padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? '.' + frac : ''}Z`;
}

const durationPart = (d: CelDuration, unit: bigint) => d.ns / unit;
define('getHours', (r, a, pos) => r instanceof CelDuration ? durationPart(r, UNITS.h) : timePart(r, a, pos, (d) => d.getUTCHours()));
define('getMinutes', (r, a, pos) => r instanceof CelDuration ? durationPart(r, UNITS.m) : timePart(r, a, pos, (d) => d.getUTCMinutes()));
define('getSeconds', (r, a, pos) => r instanceof CelDuration ? durationPart(r, UNITS.s) : timePart(r, a, pos, (d) => d.getUTCSeconds()));
define('getMilliseconds', (r, a, pos) => r instanceof CelDuration ? durationPart(r, UNITS.ms) % 1000n : timePart(r, a, pos, (d) => d.getUTCMilliseconds()));
define('getFullYear', (r, a, pos) => timePart(r, a, pos, (d) => d.getUTCFullYear()));
define('getMonth', (r, a, pos) => timePart(r, a, pos, (d) => d.getUTCMonth()));
define('getDate', (r, a, pos) => timePart(r, a, pos, (d) => d.getUTCDate()));
define('getDayOfMonth', (r, a, pos) => timePart(r, a, pos, (d) => d.getUTCDate() - 1));
define('getDayOfWeek', (r, a, pos) => timePart(r, a, pos, (d) => d.getUTCDay()));
define('getDayOfYear', (r, a, pos) => timePart(r, a, pos, (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000)));

function timePart(r: Value | undefined, a: Value[], pos: number, f: (d: Date) => number): Value {
  if (!(r instanceof CelTimestamp)) fail(pos, 'timestamp accessor', r);
  if (a.length > 1) fail(pos, 'timestamp accessor', r, ...a);
  const offset = a.length ? zoneOffsetMs(asString(a[0], pos, 'timestamp accessor'), r.ms, pos) : 0;
  return BigInt(f(new Date(r.ms + offset)));
}

/** The offset from UTC of a time zone at an instant: `+HH:MM`/`-HH:MM`/`HH:MM`, or an IANA name (Intl). */
function zoneOffsetMs(zone: string, ms: number, pos: number): number {
  const m = /^([+-]?)(\d{2}):(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' }).formatToParts(new Date(ms));
  } catch {
    throw new CelError(`unknown time zone '${zone}'`, pos);
  }
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const year = parts.find((p) => p.type === 'era')?.value.startsWith('B') ? 1 - get('year') : get('year');
  const local = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return local - whole;
}

// ---- optionals ----
define('optional.of', (_r, a) => new CelOptional(a[0]));
define('optional.none', () => new CelOptional());
define('optional.ofNonZeroValue', (_r, a) => {
  const v = a[0];
  const zero = v === null || v === false || v === '' || v === 0n || v === 0 || (v instanceof CelUint && v.v === 0n) || (Array.isArray(v) && !v.length) || (v instanceof Map && !v.size);
  return zero ? new CelOptional() : new CelOptional(v);
});
// Kyverno's and Gatekeeper's policies call these on plain values too (their type checker wraps them): a plain value counts as present
define('hasValue', (r) => (r instanceof CelOptional ? r.present : true));
define('value', (r, _a, pos) => {
  if (!(r instanceof CelOptional)) fail(pos, 'value', r);
  if (!r.present) throw new CelError('optional.none() dereference', pos);
  return r.value!;
});
define('or', (r, a) => (r instanceof CelOptional ? (r.present ? r : a[0]) : new CelOptional(r)));
define('orValue', (r, a) => (r instanceof CelOptional ? (r.present ? r.value! : a[0]) : r!));
