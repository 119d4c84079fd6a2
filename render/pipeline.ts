import {
  isSuppressed, LineIndex, lintDocument, objectsOf, parseDirectives, parseManifest, parseManifestPrepared,
  type Comment, type Finding, type FindingPlace, type K8sObject, type ParsedFile, type Range, type RuleSet,
} from '../engine';
import type { ReadOnlyFs } from './fs';
import { aboutPlaceholder, mapFinding, SourceIndex } from './map-back';
import { SourceMap, type TraceStep } from './source-map';
import type { RenderDiagnostic, Renderer, RenderOptions, RenderResult } from './types';

/** A finding of rendered text, moved to the file a person edits. `file`/`range`/`offsets` are in that file. */
export interface RenderedFinding extends Finding {
  file: string;
  trace: TraceStep[];
  rendered: { source: string; values?: string[] };
}

/** A rendered source between the two scan phases: its objects join the scan's cross-object index. */
export interface RenderedSource {
  root: string;
  renderer: Renderer;
  result: RenderResult;
  parsed?: ParsedFile;
  objects: K8sObject[];
  src: SourceIndex;
}

/** Rule id of the info finding for what a render could not evaluate offline (a `lookup`, a remote base). */
export const RENDER_INCOMPLETE = 'render-incomplete';

/** Phase 1: render and parse. A render that throws is a render error, never a crash. */
export function renderSource(fs: ReadOnlyFs, root: string, renderer: Renderer, options: RenderOptions, set: RuleSet): RenderedSource {
  let result: RenderResult;
  try {
    result = renderer.render(fs, root, options);
  } catch (err) {
    const message = (err as Error).message || String(err);
    result = { kind: renderer.kind, root, text: '', map: emptyMap(), inputs: [], errors: [{ file: root, message: `internal error while rendering: ${message}` }], notes: [] };
  }
  if (result.errors[0]?.remote) result = withoutRemote(fs, root, renderer, options, result);
  const out: RenderedSource = { root, renderer, result, objects: [], src: new SourceIndex(fs) };
  if (result.errors.length) return out;
  const prepared = result.documents;
  delete result.documents;
  const opts = { kinds: set.kinds, lazy: set.lazy };
  const parsed = prepared ? parseManifestPrepared(result.text, prepared, opts) : parseManifest(result.text, opts);
  out.parsed = parsed;
  // `ROOT/`: the objects belong to the build, not to one file; folder-scoped cross-object rules (an unplaced
  // object shares a namespace with its own folder) see the whole build as the root's folder
  const rootFile = `${root.replace(/\/+$/, '')}/`;
  if (parsed.fatal) {
    result.errors.push({ file: root, message: `rendered output is not valid YAML: ${parsed.fatal.message}` });
    return out;
  }
  for (const pd of parsed.docs) {
    if (pd.errors.length) {
      result.errors.push({ file: root, message: `rendered output is not valid YAML: ${pd.errors[0].message}` });
      continue;
    }
    if (pd.doc || pd.lazy) out.objects.push(...objectsOf(pd, rootFile));
  }
  return out;
}

/**
 * A kustomization that uses a remote base or resource is built again without the remote entries, each one an
 * info finding on its line (not fetched, its objects not linted): what is local is still linted. When the rest
 * cannot be built without them (a patch aimed at a remote object), the remote entry stays the only thing
 * reported, as an info finding too — not evaluated, never a pass, and not a failure of the user's files.
 */
function withoutRemote(fs: ReadOnlyFs, root: string, renderer: Renderer, options: RenderOptions, failed: RenderResult): RenderResult {
  let again: RenderResult | undefined;
  try { again = renderer.render(fs, root, { ...options, kustomize: { ...(options.kustomize ?? {}), skipRemote: true } }); } catch { again = undefined; }
  if (again && !again.errors.length) return again;
  const first = failed.errors[0];
  const why = again?.errors[0] ? `; the rest of the build needs it (${again.errors[0].message})` : '';
  const note: RenderDiagnostic = { file: first.file, message: `${first.message}${why}: nothing of this kustomization was linted`, ...(first.range ? { range: first.range } : {}), remote: first.remote };
  const inputs = [...new Map([...failed.inputs, ...(again?.inputs ?? [])].map((i) => [i.file, i])).values()];
  return { ...failed, inputs, errors: [], notes: [...failed.notes, note] };
}

function emptyMap(): RenderResult['map'] { return new SourceMap([]); }

/**
 * Phase 2: lint the rendered objects with every rule (cross-object rules see `all`), move each finding to its
 * source, honour suppression comments written there, and report what was not evaluated as info findings.
 * A failed render yields its errors and no findings: never a partial list presented as complete.
 */
export function lintRendered(rs: RenderedSource, set: RuleSet, all?: ReadonlyArray<K8sObject>): { findings: RenderedFinding[]; errors: RenderDiagnostic[] } {
  const { result, parsed } = rs;
  if (result.errors.length || !parsed) return { findings: [], errors: result.errors };
  const rendered = { source: result.root, ...(result.values ? { values: result.values } : {}) };
  const byKey = new Map<string, RenderedFinding>();
  const errors: RenderDiagnostic[] = [];
  // a rule a finding speaks for (a bare container's run-as-root, for no-security-context), suppressed in the
  // source where the finding is shown, is taken out of it as the engine does with the rendered text's comments
  const suppressed = (ruleId: string, place: FindingPlace) => {
    const loc = mapFinding(rs.src, parsed, result.map, place, result.root);
    return suppressedAt(rs.src, loc.file, ruleId, loc.range.start.line);
  };
  for (const pd of parsed.docs) {
    if (!pd.doc || pd.errors.length) continue;
    let found: Finding[];
    try { found = lintDocument(parsed, pd, set, all, { suppressedAt: suppressed }); } catch (err) {
      errors.push({ file: result.root, message: `internal error while linting the rendered output: ${(err as Error).message}` });
      continue;
    }
    for (const e of pd.errors) if (e.code === 'rule-crash') errors.push({ file: result.root, message: e.message });
    for (const f of found) {
      // a value nobody chose yet (Helm's stand-in namespace): nothing in the sources to judge
      if (aboutPlaceholder(parsed, result.map, f)) continue;
      const loc = mapFinding(rs.src, parsed, result.map, f, result.root);
      if (suppressedAt(rs.src, loc.file, f.ruleId, loc.range.start.line)) continue;
      const mapped: RenderedFinding = { ...f, file: loc.file, range: loc.range, offsets: loc.offsets, trace: loc.trace, rendered };
      // one problem reached through several objects or documents of the same source is reported once
      const key = `${f.ruleId}|${f.messageId}|${loc.file}|${loc.offsets[0]}|${loc.offsets[1]}`;
      const prev = byKey.get(key);
      // the other object's own chain head (its template line) says where it reads the same source
      const head = loc.trace[0] ?? { file: loc.file, range: loc.range, note: '' };
      if (prev) prev.trace = mergeTrace(prev.trace, [{ file: head.file, range: head.range, note: `also ${f.object.kind} ${f.object.name}${head.note ? `: ${head.note}` : ''}` }]);
      else byKey.set(key, mapped);
    }
  }
  const findings = [...byKey.values()];
  for (const n of result.notes) findings.push(noteFinding(n, rendered));
  return { findings, errors };
}

/**
 * One problem reached through several renders (a base shared by three overlays) is reported once: the first
 * render's finding, with the other renders' chains added to its trace ("via overlay staging", ...).
 * Same rule, message id and place in the same source file make the same problem; findings kept in order.
 */
export function mergeAcrossRenders(findings: ReadonlyArray<RenderedFinding>): RenderedFinding[] {
  return mergeAcrossRendersFrom(findings).map((m) => m.finding);
}

/**
 * mergeAcrossRenders, saying which input each merged finding is (`from`: its index in `findings`), so a caller
 * that keeps per-finding data (the language server's render and finding index for quick fixes) keeps the first's.
 */
export function mergeAcrossRendersFrom(findings: ReadonlyArray<RenderedFinding>): Array<{ finding: RenderedFinding; from: number }> {
  const byKey = new Map<string, RenderedFinding>();
  const out: Array<{ finding: RenderedFinding; from: number }> = [];
  findings.forEach((f, from) => {
    if (f.ruleId === RENDER_INCOMPLETE) { out.push({ finding: f, from }); return; }
    const key = `${f.ruleId}|${f.messageId}|${f.file}|${f.offsets[0]}|${f.offsets[1]}`;
    const prev = byKey.get(key);
    if (!prev) {
      const copy = { ...f, trace: [...f.trace] };
      byKey.set(key, copy);
      out.push({ finding: copy, from });
      return;
    }
    if (prev.rendered.source === f.rendered.source) return;
    const steps = f.trace.length ? [...f.trace] : [{ file: f.rendered.source, range: f.range, note: `also rendered from ${f.rendered.source}` }];
    // the same place read by another overlay, with its own words (another name, another namespace): kept
    if (f.message !== prev.message) steps[0] = { ...steps[0], note: `${steps[0].note}: ${f.message}` };
    prev.trace = mergeTrace(prev.trace, steps);
  });
  return out;
}

function noteFinding(n: RenderDiagnostic, rendered: RenderedFinding['rendered']): RenderedFinding {
  const range: Range = n.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    ruleId: RENDER_INCOMPLETE, messageId: 'not-evaluated', message: n.message, severity: 'info', range, offsets: [0, 0],
    path: [], docIndex: 0, object: { apiVersion: '', kind: '', name: '' }, category: 'chain', goals: ['integrity'],
    file: n.file, trace: n.trace ?? [], rendered,
  };
}

function mergeTrace(a: TraceStep[], b: TraceStep[]): TraceStep[] {
  const out = [...a];
  for (const s of b) if (out.length < 20 && !out.some((x) => x.file === s.file && x.note === s.note && x.range.start.line === s.range.start.line)) out.push(s);
  return out;
}

const suppressionCache = new WeakMap<SourceIndex, Map<string, ReturnType<typeof parseDirectives>>>();

/**
 * Suppression comments in the file where the finding is shown. Templates are not YAML, so comment lines are
 * found by a line scan (a `#` that starts a line), which is also right for values files and patches.
 */
function suppressedAt(src: SourceIndex, file: string, ruleId: string, line: number): boolean {
  let cache = suppressionCache.get(src);
  if (!cache) suppressionCache.set(src, (cache = new Map()));
  let dirs = cache.get(file);
  if (!dirs) {
    const text = src.rawText(file) ?? '';
    const comments: Comment[] = [];
    const re = /^[ \t]*(#[^\n]*)/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!m[1].includes('kubehex-disable')) continue;
      const offset = m.index + m[0].length - m[1].length;
      comments.push({ offset, end: offset + m[1].length, text: m[1] });
    }
    dirs = comments.length ? parseDirectives(comments, new LineIndex(text), text) : [];
    cache.set(file, dirs);
  }
  return !!dirs.length && !!isSuppressed(dirs, ruleId, line);
}
