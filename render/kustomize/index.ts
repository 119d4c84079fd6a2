import { joinPath, type ReadOnlyFs } from '../fs';
import { SourceMap } from '../source-map';
import type { RenderDiagnostic, RenderOptions, RenderResult, Renderer } from '../types';
import { build } from './build';
import { BuildContext } from './context';
import { asKustomizeError } from './errors';
import { KUSTOMIZATION_FILES } from './loader';
import { emitResources } from './yaml-out';

export { legacySort } from './build';
export { KUSTOMIZATION_FILES } from './loader';
export { keepParsedYaml } from './yaml-in';

/** The deprecation warnings kustomize prints on stderr, as notes (placed on the deprecated field). */
function warningNotes(ctx: BuildContext): RenderDiagnostic[] { return ctx.warnings; }

/**
 * kubehex's own Kustomize build (kubectl kustomize v5.5 semantics, no network, no plugins). The output is
 * what `kubectl kustomize ROOT` prints; the source map gives every YAML node of it the file, document, path
 * and range it was written at, with the chain of overlays, patches and transformers that carried it.
 * `helm` renders the local charts of `helmCharts:` (as `kustomize build --enable-helm` would); a function is
 * asked at each render (the registry's Helm renderer, once there is one).
 */
export function makeKustomizeRenderer(helm?: Renderer | (() => Renderer | undefined)): Renderer {
  return {
    kind: 'kustomize',
    isRoot(fs: ReadOnlyFs, dir: string): boolean {
      return KUSTOMIZATION_FILES.some((f) => fs.stat(joinPath(dir, f)) === 'file');
    },
    render(fs: ReadOnlyFs, root: string, options: RenderOptions): RenderResult {
      const ctx = new BuildContext(fs, root, options, typeof helm === 'function' ? helm() : helm);
      try {
        const { resources } = build(ctx);
        const { text, map } = emitResources(resources.map((r) => r.node));
        return {
          kind: 'kustomize', root, text, map,
          inputs: [...new Set([...ctx.inputs, ...ctx.reads])].sort().map((file) => ({ file, reason: 'kustomize-input' as const })),
          errors: [], notes: [...warningNotes(ctx), ...ctx.notes],
        };
      } catch (e) {
        const k = asKustomizeError(e);
        const err: RenderDiagnostic = { file: k.file ?? root, message: k.message };
        if (k.range) err.range = k.range;
        if (k.remote) err.remote = k.remote;
        return {
          kind: 'kustomize', root, text: '', map: new SourceMap([]),
          inputs: [...new Set([...ctx.inputs, ...ctx.reads])].sort().map((file) => ({ file, reason: 'kustomize-input' as const })),
          errors: [err], notes: [...warningNotes(ctx), ...ctx.notes],
        };
      }
    },
  };
}

export const kustomizeRenderer: Renderer = makeKustomizeRenderer();
