import type { PreparedDoc, Range } from '../engine';
import type { ReadOnlyFs } from './fs';
import type { SourceMap, TraceStep } from './source-map';

/** A problem found while rendering, placed where a person would fix it. */
export interface RenderDiagnostic {
  /** Absolute path of the file at fault (template, kustomization, values file, Chart.yaml). */
  file: string;
  /** The failing action or kustomization entry, when known. */
  range?: Range;
  /** The real tool's wording (Helm's, kustomize's), without the place prefix. */
  message: string;
  trace?: TraceStep[];
  /** The remote resource or base (URL, git) the build stopped at: kubehex builds offline and never fetches it. */
  remote?: string;
}

/**
 * What one render produced. When `errors` is non-empty the render failed: `text` is empty and no finding may be
 * reported for this source (one error, never a partial list presented as complete).
 */
export interface RenderResult {
  kind: 'helm' | 'kustomize';
  /** The chart directory or kustomization root (absolute). */
  root: string;
  /** Exactly what `helm template` / `kubectl kustomize` prints. */
  text: string;
  map: SourceMap;
  /** Every file the render read: these are linted through the render, not alone (`skipped` reasons). */
  inputs: ReadonlyArray<{ file: string; reason: 'template-source' | 'kustomize-input' }>;
  errors: RenderDiagnostic[];
  /**
   * What could not be evaluated offline and so was rendered without (a `lookup`: "rendered without cluster
   * state"; a remote base: not fetched). Reported as info findings, never silently.
   */
  notes: RenderDiagnostic[];
  /** Values files used, in order (Helm), for `rendered.values` in JSON findings. */
  values?: string[];
  /**
   * The documents of `text`, already composed by the render (Helm composes each document to order them): the
   * first parse of `text` uses them instead of parsing again, and removes them (they are moved in place).
   */
  documents?: PreparedDoc[];
}

export interface HelmOptions {
  values?: string[];
  set?: string[];
  setString?: string[];
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  includeCrds?: boolean;
  skipTests?: boolean;
  isUpgrade?: boolean;
}

export interface KustomizeOptions {
  loadRestrictor?: 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';
  /**
   * Build without remote resources/bases/components (URLs, git) instead of failing on the first: each one
   * becomes a note ("not fetched: the objects it adds were not linted"). `scan` retries a build that failed
   * on a remote entry this way; `kubehex render` never does (its output must be what kustomize prints).
   */
  skipRemote?: boolean;
}

export interface RenderOptions {
  helm?: HelmOptions;
  kustomize?: KustomizeOptions;
  /** Limits every render honours (documented in render/README.md). */
  limits?: RenderLimits;
  /** Checked between steps; a cancelled render throws `RenderCancelled`. */
  cancelled?: () => boolean;
}

export interface RenderLimits {
  /** Nested include/template/tpl calls. */
  maxDepth: number;
  /** Characters of rendered output. */
  maxOutput: number;
  /** Wall-clock budget of one render, in ms. */
  timeBudgetMs: number;
}

export const DEFAULT_LIMITS: RenderLimits = { maxDepth: 100, maxOutput: 64 * 1024 * 1024, timeBudgetMs: 10_000 };

export class RenderCancelled extends Error {
  constructor() { super('render cancelled'); }
}

/** One kind of renderable source. Helm and Kustomize each provide one (render/helm, render/kustomize). */
export interface Renderer {
  kind: RenderResult['kind'];
  /** Is `dir` the root of a source of this kind (has Chart.yaml / a kustomization file)? */
  isRoot(fs: ReadOnlyFs, dir: string): boolean;
  render(fs: ReadOnlyFs, root: string, options: RenderOptions): RenderResult;
}
