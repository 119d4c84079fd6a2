import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver';
import type { RuleSet } from '../engine';
import {
  discoverRoots, keepHelmRenders, keepKustomizeBuilds, lintRendered, mergeAcrossRendersFrom, overlayFs, renderers, renderSource, rootsReading, ROOT_FILES, sourceFixes, topLevelSources,
  type ReadOnlyFs, type RenderedFinding, type RenderedSource, type RenderOptions,
} from '../render';
import { diskFs } from '../host';
import { findingToDiagnostic } from './convert';
import { pathToUri } from './uri';

/** Marks a diagnostic as coming from a rendered chart or kustomization (code actions look it up by index). */
interface RenderedData { rendered: string; index: number; version: number }

export interface Linted { source: RenderedSource; findings: RenderedFinding[]; errors: Array<{ file: string; message: string; range?: Diagnostic['range'] }> }

/** Render options of one root (the editor's defaults plus the `.kubehex.yaml` `helm:` section, when trusted). */
export type OptionsFor = (root: string) => RenderOptions;

/** Checked between the steps of a render; throws (e.g. `Superseded`) to abandon stale work. */
export type Stop = () => void;

const MAX_UP = 30;
/** Characters of kustomize sources kept parsed, and of printed resources, between builds (the trees take several times that). */
const KEPT_CHARS = 32 * 1024 * 1024;
const MAX_CANDIDATE_DIRS = 400;

/** Lets other work (a newer keystroke, a cancel) in between the renders and lints of one request. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * Charts and kustomizations in the editor: a file that a render reads (a template, `_helpers.tpl`, values, a
 * patch, a base resource) gets the findings that the render puts on it. Renders run over the disk overlaid with
 * open documents and are cached until any open document or watched file changes.
 */
export class RenderStore {
  private stamp = 0;
  private cache = new Map<string, { key: string; linted: Linted[] }>();
  /** The disk; a file read before is not read again while its size, times and inode stay the same. */
  private readonly disk = keptTexts(diskFs(16 * 1024 * 1024), KEPT_CHARS);
  /** Counts fresh renders (cache misses): a caller sees whether its request rendered anew. */
  renders = 0;

  /** `open`: the open documents' texts by path, a new map whenever one of them opens, changes or closes. */
  constructor(
    private readonly open: () => ReadonlyMap<string, { text: string; version: number }>,
    private readonly folders: () => ReadonlyArray<string> = () => [],
  ) {
    // a rebuild after a keystroke parses only the files that changed, and prints only the resources that changed
    keepKustomizeBuilds(KEPT_CHARS);
    // a chart rendered again after a keystroke parses only the templates that changed, and composes only the
    // documents that print differently
    keepHelmRenders(KEPT_CHARS / 4);
  }

  /** Built kustomizations by root, reused while the files they read are unchanged (same open versions, same disk). */
  private sources = new Map<string, { key: string; sig: string; source: RenderedSource }>();

  /** The open versions of the files a build read ('-': read from disk). */
  private inputSig(source: RenderedSource): string {
    const open = this.open();
    return source.result.inputs.map((i) => `${i.file}@${open.get(i.file)?.version ?? '-'}`).join('|');
  }

  /** A file on disk changed (watcher): every cached render may be stale. True when something was cached. */
  invalidate(): boolean {
    const had = this.cache.size > 0;
    this.stamp++;
    this.cache.clear();
    this.sources.clear();
    return had;
  }

  /** Does a cached render read `path` (so editing it changes diagnostics of other files of that render)? */
  touches(path: string): boolean {
    for (const c of this.cache.values()) {
      for (const l of c.linted) if (path.startsWith(`${l.source.root}/`) || l.source.result.inputs.some((i) => i.file === path)) return true;
    }
    return false;
  }

  /** The overlay for one state of the open documents (the same map object until one opens, changes or closes). */
  private overlay?: { open: ReadonlyMap<string, { text: string; version: number }>; stamp: number; fs: ReadOnlyFs; key: string; roots: Map<string, string[]> };

  /**
   * What exists (stat, list) for one set of open paths and one state of the disk, and the candidate roots found
   * with it: a keystroke changes a text, not which files exist, so it keeps both (no stat per keystroke).
   */
  private shape?: { paths: string; stamp: number; fs: ReadOnlyFs; roots: Map<string, string[]> };

  /** Times candidate roots were looked for on the file system (for tests: a keystroke must not look again). */
  rootLookups = 0;

  private current(): NonNullable<RenderStore['overlay']> {
    const open = this.open();
    if (this.overlay && this.overlay.open === open && this.overlay.stamp === this.stamp) return this.overlay;
    // which paths are open decides what exists (stat, list); their texts are joined only when a render reads one,
    // so a keystroke in a file no chart or kustomization reads never builds its whole text
    const paths = [...open.keys()].sort().join('\0');
    if (!this.shape || this.shape.paths !== paths || this.shape.stamp !== this.stamp) {
      this.shape = { paths, stamp: this.stamp, fs: overlayFs(this.disk, new Map([...open.keys()].map((p) => [p, '']))), roots: new Map() };
    }
    const shape = this.shape.fs;
    let full: ReadOnlyFs | undefined;
    const read = (): ReadOnlyFs => {
      if (!full) {
        const texts = new Map<string, string>();
        for (const [p, d] of open) texts.set(p, d.text);
        full = overlayFs(this.disk, texts);
      }
      return full;
    };
    const fs: ReadOnlyFs = {
      readText: (p) => read().readText(p),
      readBytes: (p) => read().readBytes(p),
      stat: (p) => shape.stat(p),
      list: (d) => shape.list(d),
      whyUnreadable: (p) => shape.whyUnreadable?.(p),
    };
    const key = [...open].map(([p, d]) => `${p}@${d.version}`).sort().join('|') + `#${this.stamp}`;
    this.overlay = { open, stamp: this.stamp, fs, key, roots: this.shape.roots };
    return this.overlay;
  }

  fs(): ReadOnlyFs { return this.current().fs; }

  private openKey(): string { return this.current().key; }

  /**
   * Renders and lints the given roots (cached under the open documents' versions, the rule set and the options).
   * Between roots it yields to the event loop and calls `stop`, so a newer edit abandons a stale render.
   */
  async renderRoots(fs: ReadOnlyFs, dirs: ReadonlyArray<string>, set: RuleSet, setKey: string, optionsFor: OptionsFor, stop: Stop = () => undefined): Promise<Linted[]> {
    const roots = discoverRoots(fs, dirs.flatMap((d) => [...ROOT_FILES].map((n) => join(d, n))), renderers);
    if (!roots.length) return [];
    const options = roots.map((r) => optionsFor(r.root));
    const key = `${setKey}|${this.openKey()}|${JSON.stringify(options)}`;
    const cacheKey = roots.map((r) => r.root).join('\n');
    const hit = this.cache.get(cacheKey);
    if (hit && hit.key === key) return hit.linted;
    const all: RenderedSource[] = [];
    for (let i = 0; i < roots.length; i++) {
      const { root, renderer } = roots[i];
      // a kustomization none of whose files changed is not built again (a keystroke in one overlay's patch
      // rebuilds that overlay, not every kustomization beside it)
      const rootKey = `${setKey}|${this.stamp}|${JSON.stringify(options[i])}`;
      const prev = renderer.kind === 'kustomize' ? this.sources.get(root) : undefined;
      if (prev && prev.key === rootKey && prev.sig === this.inputSig(prev.source)) { all.push(prev.source); continue; }
      if (i) { await breathe(); stop(); }
      const source = renderSource(fs, root, renderer, options[i], set);
      if (renderer.kind === 'kustomize' && !source.result.errors.length) {
        this.sources.delete(root);
        this.sources.set(root, { key: rootKey, sig: this.inputSig(source), source });
        if (this.sources.size > 50) this.sources.delete(this.sources.keys().next().value as string);
      }
      all.push(source);
    }
    const linted: Linted[] = [];
    for (const source of topLevelSources(all)) {
      await breathe();
      stop();
      linted.push({ source, ...lintRendered(source, set, source.objects) });
    }
    this.cache.set(cacheKey, { key, linted });
    if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value as string);
    this.renders++;
    return linted;
  }

  /** The rendered sources `path` takes part in (read by them, or their root file); [] when none. */
  async sourcesFor(path: string, set: RuleSet, setKey: string, optionsFor: OptionsFor, stop?: Stop): Promise<Linted[]> {
    if (!renderers.length) return [];
    const state = this.current();
    const fs = state.fs;
    // the candidates depend on the file's directory only (and the open documents: a new state starts afresh)
    const folders = this.folders();
    const dirKey = `${dirname(path)}\0${folders.join('\0')}`;
    let candidates = state.roots.get(dirKey);
    if (!candidates) {
      this.rootLookups++;
      state.roots.set(dirKey, (candidates = candidateRoots(fs, path, folders)));
    }
    if (!candidates.length) return [];
    const linted = await this.renderRoots(fs, candidates, set, setKey, optionsFor, stop);
    return linted.filter((l) => partOf(l, path));
  }

  /** Diagnostics for `path` from every render it takes part in; undefined when it takes part in none. */
  async diagnostics(path: string, uri: string, version: number, set: RuleSet, setKey: string, hints: ReadonlySet<string>, optionsFor: OptionsFor, stop?: Stop): Promise<Diagnostic[] | undefined> {
    const linted = await this.sourcesFor(path, set, setKey, optionsFor, stop);
    return linted.length ? renderedDiagnostics(linted, path, uri, version, hints) : undefined;
  }

  /** Quick fixes for rendered findings: the fix moved to its source file(s), verified by rendering again. */
  async codeActions(path: string, diagnostics: ReadonlyArray<Diagnostic>, set: RuleSet, setKey: string, optionsFor: OptionsFor): Promise<CodeAction[]> {
    const wanted = diagnostics.filter((d) => d.data && typeof (d.data as RenderedData).rendered === 'string');
    if (!wanted.length) return [];
    const linted = await this.sourcesFor(path, set, setKey, optionsFor);
    const out: CodeAction[] = [];
    for (const d of wanted) {
      const data = d.data as RenderedData;
      const l = linted.find((x) => x.source.root === data.rendered);
      const f = l?.findings[data.index];
      if (!l || !f || !f.fix || !l.source.parsed) continue;
      const rs = l.source;
      const fs = this.fs();
      const options = optionsFor(rs.root);
      const folder = this.folders().filter((w) => rs.root === w || rs.root.startsWith(`${w}/`)).sort((a, b) => b.length - a.length)[0];
      // the render's own files relative to its root ("values.yaml"); a shared base relative to the workspace folder
      const display = (file: string) => (file.startsWith(`${rs.root}/`) ? file.slice(rs.root.length + 1)
        : folder !== undefined && file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : file);
      // the source edit first (preferred); for a kustomization whose base others share, also a patch in this overlay
      const fixes = sourceFixes({
        result: rs.result, rendered: rs.parsed!, finding: f, fs, src: rs.src, set,
        rerender: (f2) => rs.renderer.render(f2, rs.root, options),
        display,
        reach: (files) => rootsReading(linted.map((x) => ({ root: x.source.root, result: x.source.result })), files),
      });
      fixes.forEach((fix, i) => {
        const changes: Record<string, TextEdit[]> = {};
        for (const file of fix.files) {
          const text = fs.readText(file.file) ?? '';
          changes[pathToUri(file.file)] = file.edits.map((e) => ({ range: rangeOf(text, e.start, e.end), newText: e.newText }));
        }
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: i === 0, diagnostics: [d], edit: { changes } });
      });
    }
    return out;
  }

  /**
   * Hover on a template (or values) line: the rendered lines it produced, per chart. Literal text maps by
   * offset; a values key shows the rendered lines of the nodes that read it.
   */
  async renderedLines(path: string, line: number, set: RuleSet, setKey: string, optionsFor: OptionsFor): Promise<string | undefined> {
    const parts: string[] = [];
    for (const l of await this.sourcesFor(path, set, setKey, optionsFor)) {
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
      if (shown.size) parts.push(`**Rendered** (${toolOf(l)} of \`${l.source.root.split('/').pop()}\`):\n\n\`\`\`yaml\n${[...shown].join('\n')}\n\`\`\``);
    }
    return parts.length ? parts.join('\n\n') : undefined;
  }

  /** The rendered text of the chart or kustomization `path` belongs to ("Show Rendered Manifest"). */
  async renderedText(path: string, set: RuleSet, setKey: string, optionsFor: OptionsFor): Promise<{ root: string; text: string; errors: string[] } | undefined> {
    const l = (await this.sourcesFor(path, set, setKey, optionsFor))[0];
    if (!l) return undefined;
    return { root: l.source.root, text: l.source.result.text, errors: l.errors.map((e) => `${e.file}: ${e.message}`) };
  }
}

function toolOf(l: Linted): string { return l.source.renderer.kind === 'helm' ? 'helm template' : 'kustomize build'; }

/** Every file a render read or shows something on: its inputs and the files of its findings and errors. */
export function filesOf(l: Linted): Set<string> {
  const out = new Set<string>(l.source.result.inputs.map((i) => i.file));
  for (const f of l.findings) out.add(f.file);
  for (const e of l.errors) out.add(e.file);
  return out;
}

/** Does `path` take part in the render (one of its files, or its root file)? */
export function partOf(l: Linted, path: string): boolean {
  return (l.source.root === dirname(path) && ROOT_FILES.has(path.slice(l.source.root.length + 1))) || filesOf(l).has(path);
}

/**
 * The diagnostics a set of renders puts on `path`: render errors (one per failing render, at the failing action
 * or kustomization entry) and findings, with the include/overlay chain as relatedInformation.
 */
export function renderedDiagnostics(linted: ReadonlyArray<Linted>, path: string, uri: string, version: number, hints: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const here: Array<{ l: Linted; index: number }> = [];
  for (const l of linted) {
    for (const e of l.errors) {
      if (e.file !== path) continue;
      const range = e.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      out.push({ range, severity: DiagnosticSeverity.Error, code: 'render-error', source: 'kubehex', message: `${toolOf(l)} fails: ${e.message}` });
    }
    l.findings.forEach((f, index) => { if (f.file === path) here.push({ l, index }); });
  }
  // the same base finding reached through several overlays is one diagnostic, the overlays in its chain (as the CLI)
  for (const { finding: f, from } of mergeAcrossRendersFrom(here.map(({ l, index }) => l.findings[index]))) {
    const { l, index } = here[from];
    const d = findingToDiagnostic(f, uri, version, hints);
    const data: RenderedData = { rendered: l.source.root, index, version };
    d.data = { ...(d.data as object), ...data, fixable: false };
    const related: DiagnosticRelatedInformation[] = f.trace.map((t) => ({ location: { uri: pathToUri(t.file), range: t.range }, message: t.note }));
    if (related.length) d.relatedInformation = related;
    out.push(d);
  }
  return out;
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
 * file, plus kustomizations near the nearest kustomization (overlays beside a base: below its parent's parent,
 * three levels down, never above the workspace folder that holds `path`), bounded so a huge tree cannot stall
 * the editor. Only kustomizations are looked for beside a base: a chart never reads another directory's files.
 */
export function candidateRoots(fs: ReadOnlyFs, path: string, folders: ReadonlyArray<string> = []): string[] {
  const hasAny = (d: string, names: ReadonlyArray<string>) => names.some((n) => fs.stat(join(d, n)) === 'file');
  const found = new Set<string>();
  let nearestKustomization: string | undefined;
  let d = dirname(path);
  for (let i = 0; i < MAX_UP && d !== dirname(d); i++, d = dirname(d)) {
    if (hasAny(d, [...ROOT_FILES])) {
      found.add(d);
      if (!nearestKustomization && hasAny(d, KUSTOMIZATION_FILES)) nearestKustomization = d;
    }
  }
  if (nearestKustomization) {
    const folder = folders.filter((f) => nearestKustomization === f || nearestKustomization!.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
    let from = dirname(dirname(nearestKustomization));
    if (folder !== undefined && !(from === folder || from.startsWith(`${folder}/`))) from = folder;
    // outside every workspace folder: only what sits beside the kustomization's own parent
    else if (folder === undefined) from = dirname(nearestKustomization);
    let budget = MAX_CANDIDATE_DIRS;
    const walk = (dir: string, depth: number) => {
      if (budget-- <= 0 || depth < 0) return;
      if (hasAny(dir, KUSTOMIZATION_FILES)) found.add(dir);
      for (const e of fs.list(dir)) if (e.type === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), depth - 1);
    };
    walk(from, 3);
  }
  return [...found].sort();
}

const KUSTOMIZATION_FILES = [...ROOT_FILES].filter((n) => n !== 'Chart.yaml');

/**
 * `disk` with the texts it read kept (up to about `maxChars`), each given again while a stat of the file shows the
 * same size, modification and change times (nanoseconds) and inode: a rebuild after a keystroke reads every file
 * of the kustomization again to see that its bases are unchanged (render/kustomize/kept-dirs.ts), and a kept
 * text is the same string, which compares at once.
 */
export function keptTexts(disk: ReadOnlyFs, maxChars: number): ReadOnlyFs {
  const texts = new Map<string, { stamp: string; text: string }>();
  let chars = 0;
  const stampOf = (p: string): string | undefined => {
    try {
      const st = statSync(p, { bigint: true });
      return st.isFile() ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}` : undefined;
    } catch { return undefined; }
  };
  return {
    readText(p) {
      const stamp = stampOf(p);
      const kept = texts.get(p);
      if (kept && stamp !== undefined && kept.stamp === stamp) return kept.text;
      if (kept) { texts.delete(p); chars -= kept.text.length; }
      const text = disk.readText(p);
      // kept only when the file is the same after the read as before it
      if (text !== undefined && stamp !== undefined && text.length <= maxChars / 4 && stampOf(p) === stamp) {
        texts.set(p, { stamp, text });
        chars += text.length;
        for (const [q, t] of texts) {
          if (chars <= maxChars) break;
          texts.delete(q);
          chars -= t.text.length;
        }
      }
      return text;
    },
    readBytes: (p) => disk.readBytes(p),
    stat: (p) => disk.stat(p),
    list: (d) => disk.list(d),
    whyUnreadable: (p) => disk.whyUnreadable?.(p),
  };
}
