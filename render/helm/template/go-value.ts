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
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isGoMap(v) && !(v instanceof GoInt);
}

export function goTypeTag(v: object): string | undefined {
  return (v as { [GO_TYPE]?: string })[GO_TYPE];
}
