/** Helm's YAML/JSON/TOML helpers, with Helm's error handling (errors inside the returned map, or ""). */
import { type SignedFunc, sig } from './func-sig';
import { JsonError, goJsonIndent, goJsonMarshal, goJsonParse } from './go-json';
import { helmToYaml } from './go-yaml';
import { GoYamlError, readGoYaml } from './go-yaml-read';
import { isGoMap, newMap } from './go-value';
import { nodeOnlyProv } from './prov';
import { toToml } from './toml';

function errMap(msg: string): Record<string, unknown> { return newMap([['Error', msg]]); }

function fromYaml(s: string): unknown {
  let v: unknown;
  try { v = readGoYaml(s); } catch (e) {
    if (e instanceof GoYamlError) return errMap(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
  if (v === null) return newMap();
  if (!isGoMap(v)) return errMap(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
  return v;
}

function fromYamlArray(s: string): unknown {
  let v: unknown;
  try { v = readGoYaml(s); } catch (e) {
    if (e instanceof GoYamlError) return [`error converting YAML to JSON: ${e.message}`];
    throw e;
  }
  if (v === null) return [];
  if (!Array.isArray(v)) return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
  return v;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

function safe(f: () => string): string {
  try { return f(); } catch (e) { if (e instanceof JsonError) return ''; throw e; }
}

export function helmYamlFuncs(): Record<string, SignedFunc> {
  return {
    toYaml: sig('any', helmToYaml, nodeOnlyProv),
    fromYaml: sig('string', fromYaml),
    fromYamlArray: sig('string', fromYamlArray),
    toJson: sig('any', (v: unknown) => safe(() => goJsonMarshal(v)), nodeOnlyProv),
    fromJson: sig('string', (s: string) => {
      try {
        const v = goJsonParse(s);
        if (!isGoMap(v)) return errMap(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
        return v;
      } catch (e) { if (e instanceof JsonError) return errMap(e.message); throw e; }
    }),
    fromJsonArray: sig('string', (s: string) => {
      try {
        const v = goJsonParse(s);
        if (!Array.isArray(v)) return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
        return v;
      } catch (e) { if (e instanceof JsonError) return [e.message]; throw e; }
    }),
    toToml: sig('any', (v: unknown) => toToml(v)),
  };
}

/** Sprig's JSON functions (Helm replaces toJson and fromJson with its own). */
export function sprigJsonFuncs(): Record<string, SignedFunc> {
  const mustParse = (s: string): unknown => { try { return goJsonParse(s); } catch (e) { throw new Error((e as Error).message); } };
  return {
    fromJson: sig('string', (s: string) => { try { return goJsonParse(s); } catch { return null; } }),
    mustFromJson: sig('string', mustParse),
    toJson: sig('any', (v: unknown) => safe(() => goJsonMarshal(v)), nodeOnlyProv),
    mustToJson: sig('any', (v: unknown) => goJsonMarshal(v), nodeOnlyProv),
    toPrettyJson: sig('any', (v: unknown) => safe(() => goJsonIndent(v, '  ')), nodeOnlyProv),
    mustToPrettyJson: sig('any', (v: unknown) => goJsonIndent(v, '  '), nodeOnlyProv),
    toRawJson: sig('any', (v: unknown) => safe(() => goJsonMarshal(v, false)), nodeOnlyProv),
    mustToRawJson: sig('any', (v: unknown) => goJsonMarshal(v, false), nodeOnlyProv),
  };
}
