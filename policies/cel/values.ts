/**
 * CEL values in JavaScript. int is a bigint, uint a CelUint, double a number, string, bytes a Uint8Array,
 * bool, null, list an array, map a Map (keys normalised by mapKey), plus the runtime-only kinds below.
 * Input JSON (objects from manifests) is converted once by fromJson.
 */

export class CelUint { constructor(readonly v: bigint) {} }
export class CelType { constructor(readonly name: string) {} }
export class CelOptional { constructor(readonly value?: Value, readonly present = value !== undefined) {} }
export class CelDuration { constructor(readonly ns: bigint) {} }
export class CelTimestamp { constructor(readonly ms: number, readonly nanos = 0) {} }
/** A value of a Kubernetes CEL library (quantity, url, ip, cidr, semver, ...): an opaque typed wrapper. */
export class CelOpaque { constructor(readonly type: string, readonly v: unknown) {} }

export type Value =
  | null | boolean | string | bigint | number | Uint8Array | CelUint | CelType | CelOptional | CelDuration
  | CelTimestamp | CelOpaque | Value[] | CelMap;
export type CelMap = Map<MapKey, Value>;
export type MapKey = string | bigint | boolean;

/** A CEL evaluation error (no such key, bad conversion, overflow...): absorbed by && and || like CEL does. */
export class CelError extends Error {
  constructor(message: string, readonly node?: number) { super(message); }
}
/** An input that cannot be known offline (authorizer, an unknown namespace): propagates like CEL unknowns. */
export class CelUnknown extends Error {
  constructor(readonly what: string) { super(`unknown: ${what}`); }
}
/** The step budget ran out: never absorbed. */
export class CelCostExceeded extends Error {}

export const INT_MIN = -(2n ** 63n);
export const INT_MAX = 2n ** 63n - 1n;
export const UINT_MAX = 2n ** 64n - 1n;

export function checkInt(v: bigint): bigint {
  if (v < INT_MIN || v > INT_MAX) throw new CelError('integer overflow');
  return v;
}
export function checkUint(v: bigint): CelUint {
  if (v < 0n || v > UINT_MAX) throw new CelError('unsigned integer overflow');
  return new CelUint(v);
}

const jsonCache = new WeakMap<object, Value>();
/** Plain JSON (from YAML) to CEL values; integral numbers become int. Cached per input object. */
export function fromJson(v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': case 'string': return v;
    case 'number': return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? BigInt(v) : v;
    case 'bigint': return v;
    case 'object': break;
    default: return null;
  }
  const o = v as object;
  if (o instanceof Map || o instanceof CelUint || o instanceof CelOptional || o instanceof CelType || o instanceof CelOpaque) return o as Value;
  const hit = jsonCache.get(o);
  if (hit !== undefined) return hit;
  let out: Value;
  if (Array.isArray(o)) out = o.map(fromJson);
  else if (o instanceof Date) out = new CelTimestamp(o.getTime());
  else {
    const m: CelMap = new Map();
    for (const [k, x] of Object.entries(o)) m.set(k, fromJson(x));
    out = m;
  }
  jsonCache.set(o, out);
  return out;
}

/** CEL values back to plain JSON (for messages, Kyverno variables and tests). */
export function toJson(v: Value): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof CelUint) return Number(v.v);
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = toJson(x);
    return o;
  }
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof CelOptional) return v.present ? toJson(v.value!) : null;
  if (v instanceof CelDuration) return formatDuration(v);
  if (v instanceof CelTimestamp) return new Date(v.ms).toISOString();
  if (v instanceof CelType) return v.name;
  if (v instanceof CelOpaque) return String(v.v);
  return v;
}

export function typeName(v: Value): string {
  if (v === null) return 'null_type';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'bigint': return 'int';
    case 'number': return 'double';
  }
  if (v instanceof CelUint) return 'uint';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'map';
  if (v instanceof CelType) return 'type';
  if (v instanceof CelOptional) return 'optional_type';
  if (v instanceof CelDuration) return 'google.protobuf.Duration';
  if (v instanceof CelTimestamp) return 'google.protobuf.Timestamp';
  if (v instanceof CelOpaque) return v.type;
  return 'unknown';
}

/** The key under which a value is stored in a CEL map (int, uint and integral doubles share keys). */
export function mapKey(k: Value): MapKey | undefined {
  if (typeof k === 'string' || typeof k === 'boolean' || typeof k === 'bigint') return k;
  if (k instanceof CelUint) return k.v;
  if (typeof k === 'number' && Number.isInteger(k)) return BigInt(k);
  return undefined;
}

export function formatDuration(d: CelDuration): string {
  const neg = d.ns < 0n;
  const ns = neg ? -d.ns : d.ns;
  const s = ns / 1000000000n;
  const frac = ns % 1000000000n;
  const f = frac ? '.' + frac.toString().padStart(9, '0').replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${s}${f}s`;
}

/** CEL's string() of a double: shortest round-trip form, exponent for large magnitudes like Go's 'g'. */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e21 || a < 1e-4)) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}
