import type { RenderLimits } from '../types';
import type { Origin, SourceMap } from '../source-map';

/**
 * What the chart layer needs from the Go template engine (render/helm/template). Kept as an interface so the
 * chart layer can be exercised with any engine and the binding to the real one lives in one file (engine.ts).
 */
export interface TemplateSource { name: string; text: string; file: string }

export interface TemplateSetLike { parse(src: TemplateSource): void }

export interface EngineExecOptions {
  funcs?: Record<string, (...args: unknown[]) => unknown>;
  limits: RenderLimits;
  valueOrigin?: (container: object, key: string) => Origin | undefined;
  helm?: { onLookup?: (apiVersion: string, kind: string, namespace: string, name: string, site?: LookupSite) => void; strict?: boolean };
  cancelled?: () => boolean;
}

/** The engine's TemplateError, as far as the chart layer reads it. */
export interface EngineError {
  file: string;
  name: string;
  line: number;
  col: number;
  offset: number;
  length: number;
  goMessage: string;
  kind: 'parse' | 'exec' | 'limit';
  failMessage?: string;
}

export interface TemplateEngine {
  newSet(): TemplateSetLike;
  execute(set: TemplateSetLike, name: string, data: unknown, opts: EngineExecOptions): { text: string; map: SourceMap };
  /** A Go int of the given kind. */
  int(n: number, kind?: 'int' | 'int64'): unknown;
  /** Tag a map or list with its Go type. */
  typed<T extends object>(o: T, type: string): T;
  /** Helm's toYaml (for .Files.AsConfig / AsSecrets). */
  toYaml(v: unknown): string;
  asError(e: unknown): EngineError | undefined;
}

/** Where a `lookup` call is written (its template file and the range of the function name). */
export interface LookupSite { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
