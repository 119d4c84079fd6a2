import type { ReadOnlyFs } from '../fs';
import type { RenderDiagnostic, RenderOptions, Renderer } from '../types';
import { emptyTransformerConfig, mergeConfig, type TransformerConfig } from './builtin-config';
import { KustomizeError } from './errors';
import { ResMap } from './resmap';
import { Scope } from './resource';
import { BUILTIN_SCHEMA, type SchemaSource } from './schema';
import type { Var } from './vars';
import { keepingDirs, tapedFs, TapedSet, type TapeEvent } from './kept-dirs';


/** State shared by one build: the file system, options, the (global) schema, warnings and notes. */
export class BuildContext {
  readonly fs: ReadOnlyFs;
  /** When bases are kept between builds (kept-dirs.ts): every file-system call and input of this build, in order. */
  readonly tape?: TapeEvent[];
  /** Helm charts rendered so far (a base that renders one is not kept). */
  helmRenders = 0;
  readonly scope = new Scope();
  schema: SchemaSource = BUILTIN_SCHEMA;
  schemaSet = false;
  readonly warnings: RenderDiagnostic[] = [];
  readonly notes: RenderDiagnostic[] = [];
  readonly reads: Set<string> = new TapedSet(this, 'read');
  readonly inputs: Set<string> = new TapedSet(this, 'input');
  /** `helm`: the Helm renderer that renders `helmCharts:` (absent: they are an error). */
  constructor(fs: ReadOnlyFs, readonly root: string, readonly options: RenderOptions, readonly helm?: Renderer) {
    if (keepingDirs()) {
      const tape: TapeEvent[] = [];
      this.tape = tape;
      this.fs = tapedFs(fs, { tape });
    } else this.fs = fs;
  }

  private optionsKey?: string;
  /** The options as a key of kept bases (functions, such as `cancelled`, are left out). */
  keyOfOptions(): string { return (this.optionsKey ??= JSON.stringify(this.options) ?? ''); }

  get restrict(): boolean { return this.options.kustomize?.loadRestrictor !== 'LoadRestrictionsNone'; }

  checkCancelled(): void { if (this.options.cancelled?.()) throw new KustomizeError('render cancelled'); }
}

/** kustomize's ResAccumulator: resources, the transformer configuration and vars gathered so far. */
export class Accumulator {
  resMap = new ResMap();
  config: TransformerConfig = emptyTransformerConfig();
  vars: Var[] = [];

  mergeConfig(c: TransformerConfig): void { this.config = mergeConfig(this.config, c); }

  mergeVars(vars: ReadonlyArray<Var>): void {
    for (const v of vars) {
      if (this.vars.some((x) => x.name === v.name)) throw new KustomizeError(`var '${v.name}' already encountered`);
      this.vars.push(v);
    }
  }

  mergeAccumulator(o: Accumulator): void {
    this.resMap.appendAll(o.resMap);
    this.mergeConfig(o.config);
    this.mergeVars(o.vars);
  }
}
