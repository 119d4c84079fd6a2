// A quick yes/no validation of a custom resource against its CRD's converted schema (k8s-schema.ts `convert`),
// without compiling it: compiling a schema with ajv costs milliseconds, and almost every custom resource is valid.
// It answers only for schemas made of the keywords below, each with a well-formed value (ajv compiles those
// without complaint), and gives exactly ajv's verdict on them, with the options of schema/ajv-options.json
// (strict off, so numbers need not be finite; unicode lengths and `u` patterns). The errors of an invalid
// resource still come from ajv.

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const NUMBER_LIMITS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
const KNOWN = new Set<string>([...NUMBER_LIMITS, 'type', 'enum', 'pattern', 'uniqueItems', 'items', 'required', 'properties', 'additionalProperties']);

const hasOwn = Object.prototype.hasOwnProperty;

/** A schema node made ready: its keywords checked once, its pattern compiled. */
export interface QuickNode {
  types?: ReadonlyArray<string>;
  enum?: ReadonlyArray<unknown>;
  pattern?: RegExp;
  minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number;
  minLength?: number; maxLength?: number; minItems?: number; maxItems?: number; minProperties?: number; maxProperties?: number;
  items?: QuickNode;
  required?: ReadonlyArray<string>;
  /** The schema's `properties`, and the same by name as nodes (own keys only). */
  propertiesSchema?: Record<string, unknown>;
  properties?: ReadonlyArray<[string, QuickNode]>;
  /** false: no other key; a node: what other keys hold; undefined: anything. */
  additional?: false | QuickNode;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The node for a schema, or undefined when any part of it is outside what this checker answers for. */
export function prepareQuick(schema: unknown, root = true): QuickNode | undefined {
  if (!isPlain(schema)) return undefined;
  const n: QuickNode = {};
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k) && !(root && k === '$schema' && typeof schema[k] === 'string')) return undefined;
  }
  const t = schema.type;
  if (t !== undefined) {
    const ts = Array.isArray(t) ? t : [t];
    if (!ts.length || !ts.every((x) => typeof x === 'string' && JSON_TYPES.has(x))) return undefined;
    n.types = ts as string[];
  }
  if (schema.enum !== undefined) {
    const e = schema.enum;
    // primitives only, no NaN: ajv's `===` and its deep equality agree on them
    if (!Array.isArray(e) || !e.length || !e.every((x) => (x === null || typeof x !== 'object') && !Number.isNaN(x))) return undefined;
    n.enum = e;
  }
  if (schema.pattern !== undefined) {
    if (typeof schema.pattern !== 'string') return undefined;
    try {
      n.pattern = new RegExp(schema.pattern, 'u');
    } catch {
      return undefined;
    }
  }
  for (const k of NUMBER_LIMITS) {
    const v = schema[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    n[k] = v;
  }
  // uniqueItems: false asks nothing; true (quadratic, and not allowed in structural schemas) is left to ajv
  if (schema.uniqueItems !== undefined && schema.uniqueItems !== false) return undefined;
  if (schema.items !== undefined) {
    const it = prepareQuick(schema.items, false);
    if (!it) return undefined;
    n.items = it;
  }
  if (schema.required !== undefined) {
    const r = schema.required;
    if (!Array.isArray(r) || !r.every((x) => typeof x === 'string' && x !== '__proto__')) return undefined;
    n.required = r as string[];
  }
  if (schema.properties !== undefined) {
    const ps = schema.properties;
    if (!isPlain(ps) || Object.getPrototypeOf(ps) !== Object.prototype || hasOwn.call(ps, '__proto__')) return undefined;
    const list: [string, QuickNode][] = [];
    for (const k of Object.keys(ps)) {
      const sub = prepareQuick(ps[k], false);
      if (!sub) return undefined;
      list.push([k, sub]);
    }
    n.propertiesSchema = ps;
    n.properties = list;
  }
  const ap = schema.additionalProperties;
  if (ap === false) n.additional = false;
  else if (ap !== undefined) {
    const sub = prepareQuick(ap, false);
    if (!sub) return undefined;
    n.additional = sub;
  }
  return n;
}

function isType(t: string, v: unknown): boolean {
  switch (t) {
    case 'null': return v === null;
    case 'array': return Array.isArray(v);
    case 'object': return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'integer': return typeof v === 'number' && !(v % 1) && !Number.isNaN(v);
    case 'number': return typeof v === 'number';
    default: return typeof v === t;
  }
}

/** Code points, as ajv counts a string's length (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** Whether ajv would find `data` valid against the schema `n` was prepared from. */
export function quickValid(n: QuickNode, data: unknown): boolean {
  if (n.types && !n.types.some((t) => isType(t, data))) return false;
  // includes() is SameValueZero, ajv's test `===`: they differ only on NaN, which the enum does not hold
  if (n.enum && !n.enum.includes(data)) return false;
  if (typeof data === 'number') {
    if (Number.isNaN(data) && (n.minimum !== undefined || n.maximum !== undefined || n.exclusiveMinimum !== undefined || n.exclusiveMaximum !== undefined)) return false;
    if (n.maximum !== undefined && data > n.maximum) return false;
    if (n.minimum !== undefined && data < n.minimum) return false;
    if (n.exclusiveMaximum !== undefined && data >= n.exclusiveMaximum) return false;
    if (n.exclusiveMinimum !== undefined && data <= n.exclusiveMinimum) return false;
  } else if (typeof data === 'string') {
    if (n.maxLength !== undefined || n.minLength !== undefined) {
      const len = codePoints(data);
      if (n.maxLength !== undefined && len > n.maxLength) return false;
      if (n.minLength !== undefined && len < n.minLength) return false;
    }
    if (n.pattern && !n.pattern.test(data)) return false;
  } else if (Array.isArray(data)) {
    if (n.maxItems !== undefined && data.length > n.maxItems) return false;
    if (n.minItems !== undefined && data.length < n.minItems) return false;
    if (n.items) for (let i = 0; i < data.length; i++) if (!quickValid(n.items, data[i])) return false;
  } else if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (n.maxProperties !== undefined || n.minProperties !== undefined) {
      const count = Object.keys(d).length;
      if (n.maxProperties !== undefined && count > n.maxProperties) return false;
      if (n.minProperties !== undefined && count < n.minProperties) return false;
    }
    if (n.required) for (const p of n.required) if (d[p] === undefined) return false;
    if (n.properties) {
      for (const [k, sub] of n.properties) {
        const v = d[k];
        if (v !== undefined && !quickValid(sub, v)) return false;
      }
    }
    if (n.additional !== undefined) {
      const known = n.propertiesSchema;
      for (const key in d) {
        if (known && hasOwn.call(known, key)) continue;
        if (n.additional === false || !quickValid(n.additional, d[key])) return false;
      }
    }
  }
  return true;
}
