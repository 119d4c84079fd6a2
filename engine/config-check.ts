import Ajv, { type ErrorObject } from 'ajv';
import schema from './config.schema.json';
import type { Rule } from './types';

let validator: ReturnType<Ajv['compile']> | undefined;

interface Problem { offset: number; message: string }

/**
 * Every schema violation of a config value, one message per place: where several alternatives of a rule
 * setting fail, the deepest (most specific) complaint is kept.
 */
export function validateConfig(value: unknown, offsetOf: (path: string[]) => number, sourceOf: (path: string[]) => string | undefined): Problem[] {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  if (validator(value)) return [];
  const byPath = new Map<string, { path: string[]; errs: ErrorObject[] }>();
  for (const err of validator.errors ?? []) {
    const path = pointerPath(err.instancePath);
    if (err.keyword === 'additionalProperties') path.push((err.params as { additionalProperty: string }).additionalProperty);
    const key = JSON.stringify(path);
    const entry = byPath.get(key) ?? { path, errs: [] };
    entry.errs.push(err);
    byPath.set(key, entry);
  }
  const keys = [...byPath.keys()];
  const out: Problem[] = [];
  for (const [key, { path, errs }] of byPath) {
    // a deeper complaint under the same place says more (e.g. rules.x.severity rather than "rules.x: expected ...")
    const prefix = key.slice(0, -1);
    if (keys.some((k) => k !== key && k.startsWith(prefix + (path.length ? ',' : '')))) continue;
    const err = errs.find((e) => e.keyword === 'additionalProperties') ?? errs.find((e) => e.keyword === 'enum') ?? errs.find((e) => e.keyword !== 'anyOf') ?? errs[0];
    out.push({ offset: offsetOf(path), message: describe(err, path, sourceOf(path)) });
  }
  return out;
}

function pointerPath(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(err: ErrorObject, path: string[], source: string | undefined): string {
  const where = path.length ? path.join('.') : 'the top level';
  switch (err.keyword) {
    case 'additionalProperties': {
      const parent = path.slice(0, -1);
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `unknown setting "${path[path.length - 1]}" at ${parent.length ? parent.join('.') : 'the top level'}; expected one of: ${allowed.join(', ')}`;
    }
    case 'enum':
      return `${where}: expected one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'anyOf':
      return `${where}: expected off, error, warning, info, or { severity, options }`;
    case 'type': {
      const type = (err.params as { type: string }).type;
      // YAML reads 1.30 as the number 1.3: the version the user meant is the text they wrote
      if (type === 'string' && source !== undefined && /^\d+(\.\d+)*$/.test(source.trim())) return `${where}: expected a string; ${source.trim()} is read as a number, quote it: "${source.trim()}"`;
      return `${where}: expected ${type === 'array' ? 'a list' : type === 'object' ? 'a map' : `a ${type}`}`;
    }
    case 'pattern':
      return path[0] === 'kubernetesVersion' ? `${where}: expected a Kubernetes version such as "1.36"` : `${where}: does not match ${(err.params as { pattern: string }).pattern}`;
    default:
      return `${where}: ${err.message ?? 'invalid value'}`;
  }
}

/** JSON type of a value as a config author would say it. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}

/** Unknown option names and options of the wrong type for one rule (options are what `defaultOptions` names). */
export function checkRuleOptions(rule: Rule, options: Record<string, unknown>): Array<{ path: string[]; message: string }> {
  const defaults = rule.meta.defaultOptions ?? {};
  const names = Object.keys(defaults);
  const out: Array<{ path: string[]; message: string }> = [];
  for (const [name, value] of Object.entries(options)) {
    if (!(name in defaults)) {
      out.push({ path: [name], message: `unknown option "${name}" for rule ${rule.meta.id}; ${names.length ? `expected one of: ${names.join(', ')}` : 'it has no options'}` });
      continue;
    }
    const want = kindOf(defaults[name]);
    if (defaults[name] !== null && value !== null && kindOf(value) !== want) {
      out.push({ path: [name], message: `rules.${rule.meta.id}.options.${name}: expected ${want} (default: ${JSON.stringify(defaults[name])})` });
    }
  }
  return out;
}
