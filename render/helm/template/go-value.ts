/**
 * How Go values are represented in JavaScript, so the engine can follow Go's type rules (printing, `eq`,
 * argument types, truthiness) exactly.
 *
 * | Go                                   | JavaScript                                                        |
 * |--------------------------------------|-------------------------------------------------------------------|
 * | invalid value (missing, `<no value>`) | `undefined`                                                       |
 * | nil interface (a `null` in a map/list) | `null`                                                           |
 * | string, bool                          | string, boolean                                                   |
 * | float64 (every number Helm reads from YAML/JSON) | number                                                 |
 * | int, int64, uint8, …                  | `GoInt` (`goInt(3)`, `goInt(3, 'int64')`)                          |
 * | map[string]interface{}               | plain object (prototype `Object.prototype` or `null`)             |
 * | []interface{}                        | array                                                             |
 * | named or typed maps and slices        | the same, tagged `obj[GO_TYPE] = 'map[string]string'` / `'chartutil.Values'` / `'[]string'` |
 * | struct or pointer to struct           | a class instance; fields are properties, methods are functions; `GO_TYPE` names the type (`'*chart.Metadata'`) |
 */
export const GO_TYPE: unique symbol = Symbol.for('kubehex.goType') as never;

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

/** A Go integer of a given kind. Values beyond 2^53 lose precision (documented deviation). */
export class GoInt {
  constructor(readonly value: number, readonly kind: IntKind = 'int') {}
  toString(): string { return String(this.value); }
}

export function goInt(n: number, kind: IntKind = 'int'): GoInt { return new GoInt(Math.trunc(n), kind); }

export type GoMap = Record<string, unknown>;

/** Tag a map or slice with its Go type (e.g. `tagType([], '[]string')`). Returns its argument. */
export function tagType<T extends object>(o: T, type: string): T {
  Object.defineProperty(o, GO_TYPE, { value: type, enumerable: false, configurable: true, writable: true });
  return o;
}

export function isGoMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** A struct (or pointer to one): a class instance that is not one of the value classes. */
export function isGoStruct(v: unknown): v is object {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isGoMap(v) && !(v instanceof GoInt) && !(v instanceof Uint8Array);
}

/** A Go method of a value (struct, or a named map or slice type): an exported function-valued property. */
export function goMethod(v: unknown, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (v === null || typeof v !== 'object' || !/^\p{Lu}/u.test(name)) return undefined;
  const m = (v as Record<string, unknown>)[name];
  return typeof m === 'function' ? (m as (...a: unknown[]) => unknown) : undefined;
}

export function goTypeTag(v: object): string | undefined {
  return (v as { [GO_TYPE]?: string })[GO_TYPE];
}

/** A Go value printed through its String() method (fmt's Stringer): time.Time, *semver.Version, Duration… */
export interface GoStringer { String(): string }

export function isStringer(v: unknown): v is GoStringer {
  return isGoStruct(v) && typeof (v as { String?: unknown }).String === 'function';
}

/** Go's type name of a value, as %T and error messages print it. `undefined`/`null` -> '<nil>'. */
export function typeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return 'float64';
    case 'function': return 'func(...interface {}) interface {}';
    case 'bigint': return 'int64';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof Uint8Array) return '[]uint8';
  const tag = goTypeTag(v as object);
  if (tag) return tag;
  if (Array.isArray(v)) return '[]interface {}';
  if (isGoMap(v)) return 'map[string]interface {}';
  return 'struct {}';
}

export type Kind =
  | 'invalid' | 'bool' | IntKind | 'float64' | 'string' | 'slice' | 'map' | 'struct' | 'ptr' | 'func' | 'interface';

/** Go's reflect Kind of a value (`null`, a nil interface, is 'interface'). */
export function kindOf(v: unknown): Kind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'interface';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return 'float64';
    case 'function': return 'func';
    case 'bigint': return 'int64';
  }
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isGoMap(v)) return 'map';
  const tag = goTypeTag(v as object);
  return tag?.startsWith('*') ? 'ptr' : 'struct';
}

export function isIntKind(k: Kind): k is IntKind { return k.startsWith('int') || k.startsWith('uint'); }

/** The element type name of a slice or map value ('interface {}' unless tagged). */
export function elemTypeOf(v: object): string {
  const tag = goTypeTag(v);
  if (!tag) return 'interface {}';
  if (tag.startsWith('[]')) return tag.slice(2);
  const m = /^map\[[^\]]*\](.*)$/.exec(tag);
  return m ? m[1] : 'interface {}';
}

/** Go's zero value of a type name. */
export function zeroOf(type: string): unknown {
  switch (type) {
    case 'string': return '';
    case 'bool': return false;
    case 'float64': case 'float32': return 0;
    case 'int': case 'int8': case 'int16': case 'int32': case 'int64': case 'uint': case 'uint8': case 'uint16':
    case 'uint32': case 'uint64': return new GoInt(0, type as IntKind);
    default: return null;
  }
}

/** A numeric value as a JS number (ints and floats), else undefined. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return v.value;
  return undefined;
}

/** Go's truth of a value for if/with/and/or/not. Functions and structs are true. */
export function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string': return v.length > 0;
    case 'boolean': return v;
    case 'number': return v !== 0;
    case 'function': return true;
  }
  if (v instanceof GoInt) return v.value !== 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (isGoMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** Own keys of a map in Go's sorted order (byte order of UTF-8 = code point order). */
export function sortedKeys(m: object): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Go's string comparison (UTF-8 byte order, which is code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Make a Go map (plain object with a null-safe `__proto__`). */
export function newMap(entries?: Iterable<[string, unknown]>): GoMap {
  const m: GoMap = {};
  if (entries) for (const [k, v] of entries) setKey(m, k, v);
  return m;
}

export function setKey(m: GoMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

export function hasKey(m: object, k: string): boolean { return Object.prototype.hasOwnProperty.call(m, k); }
