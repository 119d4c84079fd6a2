import { basename, dirname } from 'node:path';
import { consumedFiles, mergeAcrossRenders, ROOT_FILES } from '../render';
import type { Analyzer } from './analyzer';
import { filesOf, type Linted } from './rendered';
import type { FileResult } from './scan-worker';
import type { Settings } from './settings';

export interface RenderedScan {
  /** One result per file of a render (its findings and render errors), open files included. */
  results: FileResult[];
  /** Files a render reads: not linted alone. */
  consumed: Set<string>;
  /** What to publish for closed files (RenderedPublisher), per rule-set hints. */
  published: Array<{ linted: Linted[]; hints: ReadonlySet<string> }>;
}

/**
 * The charts and kustomizations among the scanned files, rendered and linted as the editor does (over the disk
 * overlaid with open documents, each root with the rule set and render options of its `.kubehex.yaml`).
 */
export async function scanRendered(analyzer: Analyzer, files: ReadonlyArray<string>, settings: Settings, trusted: boolean, stop: () => void): Promise<RenderedScan> {
  const out: RenderedScan = { results: [], consumed: new Set(), published: [] };
  const dirs = [...new Set(files.filter((f) => ROOT_FILES.has(basename(f))).map((f) => dirname(f)))];
  if (!dirs.length) return out;
  const store = analyzer.rendered;
  const fs = store.fs();
  // roots that share a rule set render together, so a base used by an overlay is linted through it
  const groups = new Map<string, { dirs: string[]; resolved: ReturnType<Analyzer['configs']['resolve']> }>();
  for (const d of dirs) {
    const resolved = analyzer.policies.apply(analyzer.configs.resolve(`${d}/${ROOT_FILES.values().next().value}`, settings, trusted), trusted);
    const g = groups.get(resolved.key);
    if (g) g.dirs.push(d);
    else groups.set(resolved.key, { dirs: [d], resolved });
  }
  const byFile = new Map<string, FileResult>();
  for (const { dirs: ds, resolved } of groups.values()) {
    const linted = await store.renderRoots(fs, ds, resolved.set, resolved.key, analyzer.renderOptions(), stop);
    out.published.push({ linted, hints: resolved.hints });
    for (const [file] of consumedFiles(linted.map((l) => l.source))) out.consumed.add(file);
    // one finding per place, the other overlays that reach it in its trace (as the CLI and the editor report it)
    const merged = mergeAcrossRenders(linted.flatMap((l) => l.findings));
    for (const l of linted) {
      for (const file of filesOf(l)) {
        let r = byFile.get(file);
        if (!r) byFile.set(file, (r = { path: file, mtimeMs: 0, size: 0, findings: [], errors: [], hints: [...resolved.hints], rendered: true }));
        const tool = l.source.renderer.kind === 'helm' ? 'helm template' : 'kustomize build';
        for (const e of l.errors) if (e.file === file) r.errors.push({ message: `${tool} fails: ${e.message}`, ...(e.range ? { range: e.range } : {}) });
      }
    }
    for (const f of merged) byFile.get(f.file)?.findings.push(f);
  }
  out.results = [...byFile.values()];
  return out;
}
