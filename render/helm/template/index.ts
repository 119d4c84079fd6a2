/**
 * A clean-room Go `text/template` engine with Sprig's and Helm's template functions (render/helm/template).
 * See README.md in this folder for the value model, the limits and the known deviations.
 */
import type { Origin, SourceMap, TraceStep } from '../../source-map';
import type { RenderLimits } from '../../types';

export { TemplateError, FuncError } from './errors';
export { TemplateSet, keepParsedTemplates, type TemplateSource, type TemplateSetOptions } from './template-set';
export { GO_TYPE, GoInt, goInt, tagType, isGoMap, isGoStruct, type GoMap, type IntKind } from './go-value';
export { execute, type ExecContext } from './exec';
export { sprigFuncs } from './sprig';
export { helmFuncs, defaultFuncs } from './helm-funcs';
export { helmToYaml, goYamlMarshal } from './go-yaml';
export { readGoYaml, GoYamlError } from './go-yaml-read';
export { resolvePlain, isYamlTimestamp } from './yaml-resolve';
export { goJsonMarshal } from './go-json';
export { sig as withSignature } from './func-sig';

/**
 * A template function. Arguments arrive as Go values (see go-value.ts); throw an Error (or FuncError) to fail
 * with Go's `error calling NAME: MESSAGE`. `this` is the running execution (`ExecContext`), which is what
 * `include` and `tpl` use. Optional Go parameter types (so `wrong type for value; expected int` errors match Go)
 * are attached with `withSignature`.
 */
export type TemplateFunc = (...args: unknown[]) => unknown;

/** What the Helm functions need from the Helm layer (the template set itself is the one being executed). */
export interface HelmContext {
  /** Called once per `lookup` call: Helm's `template` renders without cluster state (lookup returns an empty map). */
  onLookup?: (apiVersion: string, kind: string, namespace: string, name: string, site?: { file: string; range: TraceStep['range'] }) => void;
  /** `helm template --strict`-like missingkey=error (default false: missingkey=zero as Helm). */
  strict?: boolean;
}

export interface ExecOptions {
  /** Extra or overriding functions (their names must also be known when parsing: TemplateSetOptions.funcs). */
  funcs?: Record<string, TemplateFunc>;
  /** Nesting depth (include/template/tpl), output size, time budget. */
  limits: RenderLimits;
  /**
   * Provenance of a field read: called when the template reads `key` of map `container` (for a list element,
   * `key` is the decimal index). The Helm layer answers for the .Values maps it built (by object identity).
   */
  valueOrigin?: (container: object, key: string) => Origin | undefined;
  /** Enables the Helm layer: missingkey=zero, `<no value>` removed from the output, include/tpl/lookup. */
  helm?: HelmContext;
  cancelled?: () => boolean;
  /** The instant `now` returns (default: 2025-01-01T00:00:00Z, so renders are deterministic). */
  now?: Date;
}

export interface ExecResult { text: string; map: SourceMap }

export type { Origin, TraceStep };
