import {
  configuredKustomizeRoots, consumedFiles, discoverRoots, optionsForRoot, lintRendered, mergeAcrossRenders, renderers, renderSource, topLevelSources,
  type ReadOnlyFs, type RenderedFinding, type RenderedSource, type Renderer, type RenderOptions,
} from '../render';
import { isAbsolute, relative } from 'node:path';
import type { Config, K8sObject, RuleSet } from '../engine';
import { diskFs } from './disk-fs';
import type { FileResult } from './scan';

export interface RenderPlan {
  sources: RenderedSource[];
  /** Files read by a render, with why they are not linted alone. */
  consumed: Map<string, 'template-source' | 'kustomize-input'>;
  /** The scanned files that are still linted as plain manifests. */
  plain: string[];
}

export interface RenderSettings {
  render?: RenderOptions;
  kustomizeRoots?: string[];
  fs?: ReadOnlyFs;
  /** `.kubehex.yaml` and its folder: per-chart options (`helm.charts`) and `kustomize.roots`. */
  config?: Config;
  configDir?: string;
  /** The renderers to use (tests); default: the registered ones. */
  renderers?: ReadonlyArray<Renderer>;
}

/** Phase 1 of a scan with charts and kustomizations in it: find the roots, render them, set their inputs aside. */
export function planRenders(files: ReadonlyArray<string>, set: RuleSet, s: RenderSettings = {}): RenderPlan {
  const known = s.renderers ?? renderers;
  if (!known.length) return { sources: [], consumed: new Map(), plain: [...files] };
  const fs = s.fs ?? diskFs();
  // configured roots are written like the scanned files (relative to the working directory, or absolute)
  const absolute = files.length > 0 && files.every((f) => isAbsolute(f));
  const configured = configuredKustomizeRoots(s.config, s.configDir).map((r) => (absolute ? r : relative(process.cwd(), r) || '.'));
  const kustomizeRoots = [...(s.kustomizeRoots ?? []), ...configured];
  const roots = discoverRoots(fs, files, known, kustomizeRoots);
  if (!roots.length) return { sources: [], consumed: new Map(), plain: [...files] };
  const all = roots.map((r) => renderSource(fs, r.root, r.renderer, optionsForRoot(r.root, s.render ?? {}, s.config, s.configDir), set));
  const sources = topLevelSources(all, kustomizeRoots);
  const consumed = consumedFiles(all);
  // a chart's own files are its templates' sources even when the render did not get to read them
  return { sources, consumed, plain: files.filter((f) => !consumed.has(f)) };
}

/** Phase 2: lint every rendered source with the whole scan's objects; results per file a person edits. */
export function lintPlan(plan: RenderPlan, set: RuleSet, all: ReadonlyArray<K8sObject>): FileResult[] {
  const byFile = new Map<string, FileResult>();
  const at = (file: string) => {
    let r = byFile.get(file);
    if (!r) byFile.set(file, (r = { file, findings: [], errors: [] }));
    return r;
  };
  const found: RenderedFinding[] = [];
  for (const s of plan.sources) {
    const { findings, errors } = lintRendered(s, set, all);
    for (const e of errors) at(e.file).errors.push({ file: e.file, message: e.message, ...(e.range ? { range: e.range } : {}) });
    found.push(...findings);
  }
  // a base's problem reached through several overlays is one finding, the overlays in its trace
  for (const f of mergeAcrossRenders(found)) at(f.file).findings.push(f);
  for (const r of byFile.values()) r.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return [...byFile.values()];
}

export function isRendered(f: object): f is RenderedFinding {
  return 'rendered' in f && 'trace' in f;
}

/**
 * `helm template … | kubehex scan -`: Helm heads each document with `# Source: CHART/templates/FILE`. Findings
 * of that document are reported against the template path (the range stays the stdin line: that is the only
 * text there is). Findings before any header, and errors, stay on `<stdin>`.
 */
export function splitBySourceHeaders(result: FileResult, text: string): FileResult[] {
  const headers: Array<{ offset: number; source: string }> = [];
  const re = /^# Source: (\S[^\r\n]*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) headers.push({ offset: m.index, source: m[1].trim() });
  if (!headers.length) return [result];
  const sourceAt = (offset: number): string | undefined => {
    let found: string | undefined;
    for (const h of headers) { if (h.offset > offset) break; found = h.source; }
    return found;
  };
  const byFile = new Map<string, FileResult>([[result.file, { ...result, findings: [] }]]);
  for (const f of result.findings) {
    const file = sourceAt(f.offsets[0]) ?? result.file;
    let r = byFile.get(file);
    if (!r) byFile.set(file, (r = { file, findings: [], errors: [] }));
    r.findings.push(f);
  }
  return [...byFile.values()];
}
