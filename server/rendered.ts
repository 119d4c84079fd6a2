import { dirname, join } from 'node:path';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver';
import type { RuleSet } from '../engine';
import {
  discoverRoots, lintRendered, overlayFs, renderers, renderSource, ROOT_FILES, topLevelSources, translateFix,
  type ReadOnlyFs, type RenderedFinding, type RenderedSource, type RenderOptions,
} from '../render';
import { diskFs } from '../host';
import { findingToDiagnostic } from './convert';
import { pathToUri } from './uri';

/** Marks a diagnostic as coming from a rendered chart or kustomization (code actions look it up by index). */
interface RenderedData { rendered: string; index: number; version: number }

interface Linted { source: RenderedSource; findings: RenderedFinding[]; errors: Array<{ file: string; message: string; range?: Diagnostic['range'] }> }

const MAX_UP = 30;
const MAX_CANDIDATE_DIRS = 400;

/**
 * Charts and kustomizations in the editor: a file that a render reads (a template, `_helpers.tpl`, values, a
 * patch, a base resource) gets the findings that the render puts on it. Renders run over the disk overlaid with
 * open documents and are cached until any open document or watched file changes.
 */
export class RenderStore {
  private stamp = 0;
  private cache = new Map<string, { key: string; linted: Linted[] }>();
  private readonly disk = diskFs(16 * 1024 * 1024);

  constructor(private readonly open: () => ReadonlyMap<string, { text: string; version: number }>) {}

  /** A file on disk changed (watcher): every cached render may be stale. True when something was cached. */
  invalidate(): boolean {
    const had = this.cache.size > 0;
    this.stamp++;
    this.cache.clear();
    return had;
  }

  /** Does a cached render read `path` (so editing it changes diagnostics of other files of that render)? */
  touches(path: string): boolean {
    for (const c of this.cache.values()) {
      for (const l of c.linted) if (path.startsWith(`${l.source.root}/`) || l.source.result.inputs.some((i) => i.file === path)) return true;
    }
    return false;
  }

  private fs(): ReadOnlyFs {
    const texts = new Map<string, string>();
    for (const [p, d] of this.open()) texts.set(p, d.text);
    return overlayFs(this.disk, texts);
  }

  private openKey(): string {
    return [...this.open()].map(([p, d]) => `${p}@${d.version}`).sort().join('|') + `#${this.stamp}`;
  }

  /** The rendered sources `path` takes part in (read by them, or their root file); [] when none. */
  sourcesFor(path: string, set: RuleSet, setKey: string, options: RenderOptions = {}): Linted[] {
    if (!renderers.length) return [];
    const fs = this.fs();
    const candidates = candidateRoots(fs, path);
    if (!candidates.length) return [];
    const key = `${setKey}|${this.openKey()}`;
    const cacheKey = candidates.join('\n');
    const hit = this.cache.get(cacheKey);
    let linted: Linted[];
    if (hit && hit.key === key) linted = hit.linted;
    else {
      const roots = discoverRoots(fs, candidates.flatMap((d) => [...ROOT_FILES].map((n) => join(d, n))), renderers);
      const all = roots.map((r) => renderSource(fs, r.root, r.renderer, options, set));
      linted = topLevelSources(all).map((source) => ({ source, ...lintRendered(source, set, source.objects) }));
      this.cache.set(cacheKey, { key, linted });
      if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value as string);
    }
    return linted.filter((l) => l.source.root === dirname(path) && ROOT_FILES.has(path.slice(dirname(path).length + 1))
      || l.source.result.inputs.some((i) => i.file === path) || l.errors.some((e) => e.file === path));
  }

  /** Diagnostics for `path` from every render it takes part in; undefined when it takes part in none. */
  diagnostics(path: string, uri: string, version: number, set: RuleSet, setKey: string, hints: ReadonlySet<string>): Diagnostic[] | undefined {
    const linted = this.sourcesFor(path, set, setKey);
    if (!linted.length) return undefined;
    const out: Diagnostic[] = [];
    for (const l of linted) {
      for (const e of l.errors) {
        if (e.file !== path) continue;
        const range = e.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        out.push({ range, severity: DiagnosticSeverity.Error, code: 'render-error', source: 'kubehex', message: `${l.source.renderer.kind === 'helm' ? 'helm template' : 'kustomize build'} fails: ${e.message}` });
      }
      l.findings.forEach((f, index) => {
        if (f.file !== path) return;
        const d = findingToDiagnostic(f, uri, version, hints);
        const data: RenderedData = { rendered: l.source.root, index, version };
        d.data = { ...(d.data as object), ...data, fixable: false };
        const related: DiagnosticRelatedInformation[] = f.trace.map((t) => ({ location: { uri: pathToUri(t.file), range: t.range }, message: t.note }));
        if (related.length) d.relatedInformation = related;
        out.push(d);
      });
    }
    return out;
  }

  /** Quick fixes for rendered findings: the fix moved to its source file(s), verified by rendering again. */
  codeActions(path: string, diagnostics: ReadonlyArray<Diagnostic>, set: RuleSet, setKey: string): CodeAction[] {
    const wanted = diagnostics.filter((d) => d.data && typeof (d.data as RenderedData).rendered === 'string');
    if (!wanted.length) return [];
    const linted = this.sourcesFor(path, set, setKey);
    const out: CodeAction[] = [];
    for (const d of wanted) {
      const data = d.data as RenderedData;
      const l = linted.find((x) => x.source.root === data.rendered);
      const f = l?.findings[data.index];
      if (!l || !f || !f.fix || !l.source.parsed) continue;
      const rs = l.source;
      const fs = this.fs();
      const fix = translateFix({
        result: rs.result, rendered: rs.parsed!, finding: f, fs, src: rs.src, set,
        rerender: (f2) => rs.renderer.render(f2, rs.root, {}),
        display: (file) => (file.startsWith(`${rs.root}/`) ? file.slice(rs.root.length + 1) : file),
      });
      if (!fix) continue;
      const changes: Record<string, TextEdit[]> = {};
      for (const file of fix.files) {
        const text = fs.readText(file.file) ?? '';
        changes[pathToUri(file.file)] = file.edits.map((e) => ({ range: rangeOf(text, e.start, e.end), newText: e.newText }));
      }
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [d], edit: { changes } });
    }
    return out;
  }

  /**
   * Hover on a template (or values) line: the rendered lines it produced, per chart. Literal text maps by
   * offset; a values key shows the rendered lines of the nodes that read it.
   */
  renderedLines(path: string, line: number, set: RuleSet, setKey: string): string | undefined {
    const parts: string[] = [];
    for (const l of this.sourcesFor(path, set, setKey)) {
      const raw = l.source.src.rawFile(path);
      if (!raw) continue;
      const from = raw.lines.lineStart(line);
      const to = raw.lines.nextLineStart(from);
      const text = l.source.result.text;
      const hits: number[] = [];
      for (const seg of l.source.result.map.segments) {
        const o = seg.origin;
        if (o.kind === 'text' && o.file === path) {
          const s = o.offset;
          const e = o.offset + (seg.end - seg.start);
          if (s < to && e > from) hits.push(seg.start + Math.max(0, from - s));
        } else if (o.kind === 'node' && o.file === path && o.range.start.line <= line && o.range.end.line >= line) hits.push(seg.start);
        if (hits.length >= 5) break;
      }
      const shown = new Set<string>();
      for (const h of hits) {
        const ls = text.lastIndexOf('\n', h - 1) + 1;
        const le = text.indexOf('\n', h);
        const rendered = text.slice(ls, le === -1 ? text.length : le);
        if (rendered.trim()) shown.add(rendered);
      }
      if (shown.size) parts.push(`**Rendered** (${l.source.renderer.kind === 'helm' ? 'helm template' : 'kustomize build'} of \`${l.source.root.split('/').pop()}\`):\n\n\`\`\`yaml\n${[...shown].join('\n')}\n\`\`\``);
    }
    return parts.length ? parts.join('\n\n') : undefined;
  }

  /** The rendered text of the chart or kustomization `path` belongs to ("Show Rendered Manifest"). */
  renderedText(path: string, set: RuleSet, setKey: string): { root: string; text: string; errors: string[] } | undefined {
    const l = this.sourcesFor(path, set, setKey)[0];
    if (!l) return undefined;
    return { root: l.source.root, text: l.source.result.text, errors: l.errors.map((e) => `${e.file}: ${e.message}`) };
  }
}

function rangeOf(text: string, start: number, end: number): Diagnostic['range'] {
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, character: o - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(start), end: pos(end) };
}

/**
 * Directories that may be roots of a render reading `path`: every ancestor holding a chart or kustomization
 * file, plus kustomizations near the nearest one (overlays beside a base: siblings of its parent, two levels
 * down), bounded so a huge tree cannot stall the editor.
 */
export function candidateRoots(fs: ReadOnlyFs, path: string): string[] {
  const isRootDir = (d: string) => [...ROOT_FILES].some((n) => fs.stat(join(d, n)) === 'file');
  const found = new Set<string>();
  let nearestKustomization: string | undefined;
  let d = dirname(path);
  for (let i = 0; i < MAX_UP && d !== dirname(d); i++, d = dirname(d)) {
    if (isRootDir(d)) {
      found.add(d);
      if (!nearestKustomization && fs.stat(join(d, 'Chart.yaml')) !== 'file') nearestKustomization = d;
    }
  }
  if (nearestKustomization) {
    let budget = MAX_CANDIDATE_DIRS;
    const walk = (dir: string, depth: number) => {
      if (budget-- <= 0 || depth < 0) return;
      if (isRootDir(dir)) found.add(dir);
      for (const e of fs.list(dir)) if (e.type === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), depth - 1);
    };
    walk(dirname(dirname(nearestKustomization)), 3);
  }
  return [...found].sort();
}
