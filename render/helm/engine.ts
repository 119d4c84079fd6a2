import type { TemplateEngine, TemplateSetLike } from './engine-api';
import { TemplateError, TemplateSet, execute, goInt, helmToYaml, tagType } from './template';

export { keepParsedTemplates } from './template';

/**
 * The binding of the chart layer (render/helm) to the Go template engine (render/helm/template): the one place
 * where the two meet, so the chart layer can be tested with any engine.
 */
export const goTemplateEngine: TemplateEngine = {
  newSet: () => new TemplateSet(),
  execute: (set: TemplateSetLike, name: string, data: unknown, opts) =>
    execute(set as TemplateSet, name, data, opts as Parameters<typeof execute>[3]),
  int: (n: number, kind?: 'int' | 'int64') => goInt(n, kind),
  typed: <T extends object>(o: T, type: string) => tagType(o, type),
  toYaml: (v: unknown) => helmToYaml(v),
  asError: (e: unknown) => (e instanceof TemplateError ? e : undefined),
};
