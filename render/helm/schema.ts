import Ajv, { type ErrorObject } from 'ajv';
import { HelmError, type Chart } from './chart';
import { isMap, type GoMap } from './value-origins';

/**
 * values.schema.json as Helm 3.12 applies it: the chart's schema against the coalesced values, then each subchart's
 * against its section, errors listed per chart in Helm's wording (`<chart>:\n- <field>: <description>\n`, the
 * descriptions of the JSON-schema library Helm uses: `Invalid type. Expected: number, given: string`,
 * `foo is required`, ...). Fields are dotted paths below `(root)`.
 */
export function validateSchemas(chart: Chart, values: GoMap): void {
  const text = collect(chart, values);
  if (text) {
    throw new HelmError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${text}`, chart.schemaFile?.path ?? firstSchema(chart) ?? chart.chartYaml.path);
  }
}

function firstSchema(c: Chart): string | undefined {
  if (c.schemaFile) return c.schemaFile.path;
  for (const d of c.dependencies) { const s = firstSchema(d); if (s) return s; }
  return undefined;
}

function collect(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schemaFile) {
    const errs = validateOne(chart.schemaFile.text() ?? '', chart.schemaFile.path, values);
    if (errs.length) out += `${chart.metadata.name}:\n` + errs.map((e) => `- ${e}\n`).join('');
  }
  for (const sub of chart.dependencies) {
    const sv = values[sub.metadata.name];
    out += collect(sub, isMap(sv) ? sv : {});
  }
  return out;
}

const compiled = new Map<string, ReturnType<Ajv['compile']>>();

function validateOne(schemaText: string, file: string, values: GoMap): string[] {
  let validate = compiled.get(schemaText);
  if (!validate) {
    let schema: unknown;
    try { schema = JSON.parse(schemaText); } catch (e) { throw new HelmError(`unable to validate schema: ${(e as Error).message}`, file); }
    if (isMap(schema)) { delete schema.$schema; delete schema.$id; delete schema.id; }
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true, logger: false });
    try { validate = ajv.compile(schema as object); } catch (e) { throw new HelmError(`unable to validate schema: ${(e as Error).message}`, file); }
    if (compiled.size > 32) compiled.clear();
    compiled.set(schemaText, validate);
  }
  const data = toJson(values);
  if (validate(data)) return [];
  return describe(validate.errors ?? []);
}

/** Go values as JSON (ints as numbers, structs stringified). */
export function toJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toJson);
  if (isMap(v)) { const o: Record<string, unknown> = {}; for (const k of Object.keys(v)) o[k] = toJson(v[k]); return o; }
  if (v !== null && typeof v === 'object') {
    const n = (v as { value?: unknown }).value;
    return typeof n === 'number' ? n : String(v);
  }
  return v === undefined ? null : v;
}

function field(path: string): string {
  if (!path) return '(root)';
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

function describe(errors: ErrorObject[]): string[] {
  const out: string[] = [];
  const inBranch = (e: ErrorObject) => /\/(anyOf|oneOf|not|if|then|else)\//.test(e.schemaPath) && !/\/(then|else)\/[^/]+$/.test(e.schemaPath);
  // a null value whose schema's type excludes null gets the type error only: Helm's validator stops at the type
  // check for null and never reaches enum, const, pattern, ... of the same schema
  const schemaOf = (e: ErrorObject) => `${e.instancePath}|${e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'))}`;
  const nullTyped = new Set(errors.filter((e) => e.keyword === 'type' && (e.data === null || e.data === undefined)).map(schemaOf));
  for (const e of errors) {
    if (inBranch(e)) continue;
    if (e.keyword !== 'type' && nullTyped.has(schemaOf(e))) continue;
    const d = describeOne(e);
    if (d !== undefined && !out.includes(d)) out.push(d);
  }
  return out;
}

function describeOne(e: ErrorObject): string | undefined {
  const f = field(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const list = (xs: unknown) => (Array.isArray(xs) ? xs : [xs]).map((x) => JSON.stringify(x)).join(', ');
  switch (e.keyword) {
    case 'type': {
      const t = (e.parentSchema as { type?: unknown } | undefined)?.type ?? p.type;
      const expected = Array.isArray(t) ? `[${t.join(',')}]` : String(t);
      return `${f}: Invalid type. Expected: ${expected}, given: ${jsonType(e.data)}`;
    }
    case 'required': return `${f}: ${String(p.missingProperty)} is required`;
    case 'additionalProperties': return `${f}: Additional property ${String(p.additionalProperty)} is not allowed`;
    case 'enum': return `${f}: ${f} must be one of the following: ${list(p.allowedValues)}`;
    case 'const': return `${f}: ${f} does not match: ${JSON.stringify(p.allowedValue)}`;
    case 'minimum': return `${f}: Must be greater than or equal to ${String(p.limit)}`;
    case 'exclusiveMinimum': return `${f}: Must be greater than ${String(p.limit)}`;
    case 'maximum': return `${f}: Must be less than or equal to ${String(p.limit)}`;
    case 'exclusiveMaximum': return `${f}: Must be less than ${String(p.limit)}`;
    case 'minLength': return `${f}: String length must be greater than or equal to ${String(p.limit)}`;
    case 'maxLength': return `${f}: String length must be less than or equal to ${String(p.limit)}`;
    case 'pattern': return `${f}: Does not match pattern '${String(p.pattern)}'`;
    case 'format': return `${f}: Does not match format '${String(p.format)}'`;
    case 'minItems': return `${f}: Array must have at least ${String(p.limit)} items`;
    case 'maxItems': return `${f}: Array must have at most ${String(p.limit)} items`;
    case 'uniqueItems': return `${f}: array items[${String(p.j)},${String(p.i)}] must be unique`;
    case 'multipleOf': return `${f}: Must be a multiple of ${String(p.multipleOf)}`;
    case 'minProperties': return `${f}: Must have at least ${String(p.limit)} properties`;
    case 'maxProperties': return `${f}: Must have at most ${String(p.limit)} properties`;
    case 'anyOf': return `${f}: Must validate at least one schema (anyOf)`;
    case 'oneOf': return `${f}: Must validate one and only one schema (oneOf)`;
    case 'not': return `${f}: Must not validate the schema (not)`;
    case 'if': return `${f}: Must validate "${String(p.failingKeyword)}" as "if" was ${p.failingKeyword === 'then' ? 'valid' : 'not valid'}`;
    case 'dependencies':
    case 'dependentRequired': return `${f}: Has a dependency on ${String(p.deps)}`;
    case 'false schema': return `${f}: False always fails validation`;
    default: return `${f}: ${e.message ?? e.keyword}`;
  }
}
