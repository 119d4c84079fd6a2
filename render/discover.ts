import { baseOf, dirOf, isWithin } from './fs';
import type { ReadOnlyFs } from './fs';
import type { RenderedSource } from './pipeline';
import type { Renderer } from './types';

/** File names that make a directory the root of a renderable source. */
export const ROOT_FILES: ReadonlySet<string> = new Set(['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export interface SourceRoot { root: string; renderer: Renderer }

/**
 * The charts and kustomizations among the scanned files, decided once for the CLI and the server: a directory
 * holding `Chart.yaml` or a kustomization file whose renderer claims it. A chart inside another chart's
 * `charts/` folder is a subchart, rendered by its parent, never alone.
 */
export function discoverRoots(fs: ReadOnlyFs, files: Iterable<string>, renderers: ReadonlyArray<Renderer>, extraRoots: Iterable<string> = []): SourceRoot[] {
  const dirs = new Set<string>(extraRoots);
  for (const f of files) if (ROOT_FILES.has(baseOf(f))) dirs.add(dirOf(f));
  const found: SourceRoot[] = [];
  for (const dir of [...dirs].sort()) {
    const renderer = renderers.find((r) => r.isRoot(fs, dir));
    if (renderer) found.push({ root: dir, renderer });
  }
  const charts = found.filter((s) => s.renderer.kind === 'helm').map((s) => s.root);
  return found.filter((s) => s.renderer.kind !== 'helm' || !charts.some((c) => c !== s.root && isWithin(`${c}/charts`, s.root)));
}

/**
 * Kustomizations another kustomization of the scan builds (a base, a component) and charts a kustomization
 * inflates (`helmCharts:`) are not roots: they are linted through the kustomizations that use them. Other chart
 * roots stay. A configured root list wins when given.
 * Only an overlay that rendered hides its bases: when it failed (a cycle of kustomizations that use each
 * other, a broken patch) its bases are linted on their own and its error is reported, never nothing at all.
 */
export function topLevelSources(sources: ReadonlyArray<RenderedSource>, configured?: ReadonlyArray<string>): RenderedSource[] {
  if (configured?.length) return sources.filter((s) => s.renderer.kind !== 'kustomize' || configured.includes(s.root));
  // a kustomization used by another kustomization, or a chart a kustomization inflates (`helmCharts:`)
  const usedBy = (s: RenderedSource) => sources.some((o) => o !== s && o.renderer.kind === 'kustomize' && !o.result.errors.length && o.result.inputs.some((i) => i.file.startsWith(`${s.root}/`) && ROOT_FILES.has(i.file.slice(s.root.length + 1))));
  return sources.filter((s) => !usedBy(s));
}

/**
 * Files a render read, with why they are not linted alone: a chart's templates and values (`template-source`),
 * a kustomization's patches, generator inputs and base resources (`kustomize-input`).
 */
export function consumedFiles(sources: ReadonlyArray<RenderedSource>): Map<string, 'template-source' | 'kustomize-input'> {
  const out = new Map<string, 'template-source' | 'kustomize-input'>();
  for (const s of sources) for (const i of s.result.inputs) if (!out.has(i.file)) out.set(i.file, i.reason);
  return out;
}
