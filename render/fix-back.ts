import { applyEdits, fixEdits, formatScalar, lintText, parseManifest, planFix, type Finding, type FixOp, type ParsedFile, type Path, type RuleSet, type TextEdit } from '../engine';
import { overlayFs, type ReadOnlyFs } from './fs';
import { nodeSourceOf, type SourceIndex } from './map-back';
import type { Segment, SourceMap } from './source-map';
import type { RenderResult } from './types';

/** A fix on rendered text, moved to the files that produced it, and proven by rendering again. */
export interface SourceFix {
  title: string;
  safety: 'safe' | 'review';
  /** Minimal edits per source file (values file, template, base resource, patch). */
  files: Array<{ file: string; edits: TextEdit[] }>;
  /** Rendered objects the edit changes (a values key can feed several). */
  objects: number;
  /** The other renders the edited files reach (a shared base), when more than this one. */
  reach?: string[];
}

export interface TranslateArgs {
  result: RenderResult;
  /** The rendered text, parsed (what the engine linted). */
  rendered: ParsedFile;
  finding: Finding;
  fs: ReadOnlyFs;
  src: SourceIndex;
  /** Renders the same source again over another file system (the edited one). */
  rerender: (fs: ReadOnlyFs) => RenderResult;
  set: RuleSet;
  /** How a file is named in the fix title (relative to the workspace or chart). */
  display: (file: string) => string;
  /**
   * The renders (kustomization roots, charts) that read any of these files: a base several overlays share says
   * so in the title ("in base/deployment.yaml (affects 3 overlays)"). `rootsReading` builds it from a scan.
   */
  reach?: (files: string[]) => string[];
}

/** The roots of `sources` whose render read any of `files` (for `TranslateArgs.reach`). */
export function rootsReading(sources: ReadonlyArray<{ root: string; result: RenderResult }>, files: ReadonlyArray<string>): string[] {
  return sources.filter((s) => s.result.inputs.some((i) => files.includes(i.file))).map((s) => s.root);
}

/**
 * Translates a finding's fix: an op on a rendered node that came from a source YAML node becomes the same op
 * below that node's path in its file (planned by the engine, so minimal); an op on literal template text becomes
 * the rendered edit moved by offset. Where neither holds, there is no fix — never a wrong one. The result is
 * verified by rendering again: no render error, the finding is gone, its object changed exactly as the fix says,
 * and any other object that changed reads the same source.
 */
export function translateFix(a: TranslateArgs): SourceFix | undefined {
  const fix = a.finding.fix;
  if (!fix) return undefined;
  const byFile = new Map<string, TextEdit[]>();
  const add = (file: string, edits: TextEdit[]) => byFile.set(file, [...(byFile.get(file) ?? []), ...edits]);
  const nodeOps = new Map<string, { file: string; doc: number; ops: FixOp[] }>();
  const touched: Array<{ file: string; path: Path }> = [];
  for (const op of fix.ops) {
    const ns = nodeSourceOf(a.rendered, a.finding.docIndex, a.result.map, op.path);
    if (ns && ns.renderedRoot.length <= op.path.length) {
      const key = `${ns.file}#${ns.doc}`;
      const g = nodeOps.get(key) ?? { file: ns.file, doc: ns.doc, ops: [] };
      g.ops.push({ ...op, path: ns.path } as FixOp);
      nodeOps.set(key, g);
      touched.push({ file: ns.file, path: ns.path });
      continue;
    }
    const edits = textEditsFor(a, op);
    if (!edits) return undefined;
    for (const e of edits) add(e.file, [e.edit]);
  }
  for (const g of nodeOps.values()) {
    const pf = a.src.file(g.file);
    const d = pf?.docs[g.doc]?.doc;
    if (!pf || !d) return undefined;
    const edits = planFix(pf.text, d, g.ops, pf.lines);
    if (!edits) return undefined;
    add(g.file, edits);
  }
  const files = [...byFile].map(([file, edits]) => ({ file, edits: dedupe(edits) }));
  if (!files.length || files.some((f) => overlaps(f.edits))) return undefined;
  if (copiesComputedText(a, fix.ops)) return undefined;
  const objects = verify(a, files, touched);
  if (objects === undefined) return undefined;
  const where = files.map((f) => a.display(f.file)).join(', ');
  const reach = a.reach?.(files.map((f) => f.file)) ?? [];
  const kind = a.result.kind === 'kustomize' ? 'overlays' : 'charts';
  const parts = [objects > 1 ? `${objects} objects` : '', reach.length > 1 ? `affects ${reach.length} ${kind}` : ''].filter(Boolean);
  // a Helm values edit is named by what it does there (the values path and the new value), not by the rendered
  // field the rule names: "Set controller.securityContext.privileged: false in values.yaml (3 objects)"
  const what = a.result.kind === 'helm' && touched.length === fix.ops.length ? valuesEditTitle([...nodeOps.values()].flatMap((g) => g.ops)) : fix.title;
  return { title: `${what} in ${where}${parts.length ? ` (${parts.join(', ')})` : ''}`, safety: fix.safety, files, objects, ...(reach.length > 1 ? { reach } : {}) };
}

/**
 * Whether a fix writes, as a literal, text the render computed: a string it sets that occurs in the finding's
 * rendered document on text made by the tool (Origin `generated`: `{{ .Release.Name }}`, an `include`, a
 * kustomize name prefix). `name: "{{ .Release.Name }}-web"` renders `release-name-web`; a label fix that copies
 * the name into the template would freeze one release's name there, and every other release would carry a label
 * that no longer matches. Rendering again with the same release cannot tell, so such a fix is not offered.
 */
function copiesComputedText(a: TranslateArgs, ops: ReadonlyArray<FixOp>): boolean {
  const pd = a.rendered.docs[a.finding.docIndex];
  if (!pd) return true;
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const op of ops) {
    if (op.op === 'set' || op.op === 'append') collect(op.value);
    else if (op.op === 'rename') collect(op.to);
  }
  const text = a.rendered.text;
  for (const v of strings) {
    if (!v) continue;
    for (let i = text.indexOf(v, pd.start); i !== -1 && i + v.length <= pd.end; i = text.indexOf(v, i + 1)) {
      for (let k = i; k < i + v.length; k++) if (a.result.map.at(k, k + 1)?.origin.kind === 'generated') return true;
    }
  }
  return false;
}

/** `controller.extraArgs[0]`, a dot inside a key escaped as `--set` writes it (`podAnnotations.a\.b/c`). */
function valuesPathText(path: Path): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i ? '.' : ''}${seg.replace(/\./g, '\\.')}`)).join('');
}

/** The ops of a values edit in words: "Set a.b: false", "Add ALL to a.drop", "Remove a.c", joined with "and". */
function valuesEditTitle(ops: ReadonlyArray<FixOp>): string {
  const value = (v: Extract<FixOp, { op: 'set' }>['value']): string => {
    if (Array.isArray(v)) return `[${v.map((x) => formatScalar(x, false)).join(', ')}]`;
    if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${formatScalar(k, false)}: ${typeof x === 'object' ? value(x) : formatScalar(x, false)}`).join(', ')}}`;
    return formatScalar(v as string | number | boolean, false);
  };
  const words = ops.map((op) => {
    const p = valuesPathText(op.path);
    switch (op.op) {
      case 'set': return `Set ${p}: ${value(op.value)}`;
      case 'append': return `Add ${formatScalar(op.value, false)} to ${p}`;
      case 'remove': return `Remove ${p}`;
      case 'rename': return `Rename ${p} to ${op.to}`;
    }
  });
  return words.map((w, i) => (i ? w[0].toLowerCase() + w.slice(1) : w)).join(' and ');
}

/** A rendered edit moved onto literal template text; insertions may sit at the end of the literal before them. */
function textEditsFor(a: TranslateArgs, op: FixOp): Array<{ file: string; edit: TextEdit }> | undefined {
  const pd = a.rendered.docs[a.finding.docIndex];
  if (!pd?.doc) return undefined;
  const edits = planFix(a.rendered.text, pd.doc, [op], a.rendered.lines);
  if (!edits) return undefined;
  const out: Array<{ file: string; edit: TextEdit }> = [];
  for (const e of edits) {
    const seg = textSegmentFor(a.result.map, e.start, e.end);
    if (!seg || seg.origin.kind !== 'text') {
      const moved = e.start === e.end ? insertionAfterLineBreaks(a, e) : undefined;
      if (!moved) return undefined;
      out.push(moved);
      continue;
    }
    const base = seg.origin.offset - seg.start;
    out.push({ file: seg.origin.file, edit: { start: e.start + base, end: e.end + base, newText: e.newText } });
  }
  return out;
}

/**
 * An insertion after line breaks that no segment covers (the newline Helm ends a document with): it belongs after
 * the literal text before them, when the template has the same line breaks there. Verified by rendering again.
 */
function insertionAfterLineBreaks(a: TranslateArgs, e: TextEdit): { file: string; edit: TextEdit } | undefined {
  const text = a.rendered.text;
  let k = e.start;
  while (k > 0 && text[k - 1] === '\n' && a.result.map.at(k - 1, k)?.origin.kind !== 'text') k--;
  if (k === e.start || k === 0) return undefined;
  const before = a.result.map.at(k - 1, k);
  if (before?.origin.kind !== 'text' || before.end !== k) return undefined;
  const at = before.origin.offset + (k - before.start);
  const breaks = text.slice(k, e.start);
  if (a.src.rawText(before.origin.file)?.slice(at, at + breaks.length) !== breaks) return undefined;
  return { file: before.origin.file, edit: { start: at + breaks.length, end: at + breaks.length, newText: e.newText } };
}

function textSegmentFor(map: SourceMap, start: number, end: number): Segment | undefined {
  const inside = map.at(start, end);
  if (inside?.origin.kind === 'text' && inside.start <= start && end <= inside.end) return inside;
  if (start === end) {
    // an insertion at a boundary: the literal text that ends here takes it
    const before = start > 0 ? map.at(start - 1, start) : undefined;
    if (before?.origin.kind === 'text' && before.end === start) return before;
  }
  return undefined;
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => { const k = `${e.start}:${e.end}:${e.newText}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

function overlaps(edits: TextEdit[]): boolean {
  const s = [...edits].sort((x, y) => x.start - y.start);
  for (let i = 1; i < s.length; i++) if (s[i].start < s[i - 1].end) return true;
  return false;
}

/** Renders again with the edits; returns how many objects changed, or undefined when the fix is not proven. */
function verify(a: TranslateArgs, files: SourceFix['files'], touched: Array<{ file: string; path: Path }>): number | undefined {
  const overrides = new Map<string, string>();
  for (const f of files) {
    const text = a.fs.readText(f.file);
    if (text === undefined) return undefined;
    overrides.set(f.file, applyEdits(text, f.edits));
  }
  let again: RenderResult;
  try { again = a.rerender(overlayFs(a.fs, overrides)); } catch { return undefined; }
  if (again.errors.length) return undefined;
  const after = parseManifest(again.text);
  if (after.fatal || after.docs.length !== a.rendered.docs.length) return undefined;
  // the finding's own object must be exactly what the engine's fix makes of it
  const expectedEdits = fixEdits(a.rendered, a.finding);
  if (!expectedEdits) return undefined;
  const expected = parseManifest(applyEdits(a.rendered.text, expectedEdits));
  let objects = 0;
  for (let i = 0; i < after.docs.length; i++) {
    const now = valueOf(after, i);
    if (i === a.finding.docIndex) {
      if (!same(now, valueOf(expected, i))) return undefined;
      objects++;
      continue;
    }
    const was = valueOf(a.rendered, i);
    if (same(now, was)) continue;
    // another object changed: every changed path must read a source the fix edited
    for (const p of diffPaths(was, now)) {
      const ns = nodeSourceOf(a.rendered, i, a.result.map, p);
      const ok = ns && touched.some((t) => t.file === ns.file && (isPrefix(t.path, ns.path) || isPrefix(ns.path, t.path)));
      if (!ok) return undefined;
    }
    objects++;
  }
  const gone = !lintText(again.text, a.set).findings.some((g) => g.docIndex === a.finding.docIndex && g.ruleId === a.finding.ruleId
    && g.messageId === a.finding.messageId && JSON.stringify(g.path) === JSON.stringify(a.finding.path));
  return gone ? objects : undefined;
}

function valueOf(pf: ParsedFile, i: number): unknown {
  const d = pf.docs[i]?.doc;
  return d ? d.toJS({ maxAliasCount: 100 }) : undefined;
}

/** Deep equality of plain values, map key order ignored (Helm's toYaml sorts keys; a fix appends them). */
function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) return x.length === (y as unknown[]).length && x.every((v, i) => same(v, (y as unknown[])[i]));
  const xk = Object.keys(x);
  const yo = y as Record<string, unknown>;
  return xk.length === Object.keys(yo).length && xk.every((k) => k in yo && same((x as Record<string, unknown>)[k], yo[k]));
}

function isPrefix(p: Path, q: Path): boolean { return p.length <= q.length && p.every((s, i) => s === q[i]); }

/** Leaf paths where two plain values differ (a key added or removed counts at its own path). */
export function diffPaths(x: unknown, y: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (out.length > 1000) return out;
  const obj = (v: unknown) => v !== null && typeof v === 'object';
  if (!obj(x) || !obj(y) || Array.isArray(x) !== Array.isArray(y)) {
    if (!same(x, y)) out.push(path);
    return out;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.max(x.length, y.length); i++) diffPaths(x[i], y[i], [...path, i], out);
    return out;
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  for (const k of new Set([...Object.keys(xo), ...Object.keys(yo)])) diffPaths(xo[k], yo[k], [...path, k], out);
  return out;
}

/**
 * The other fix for a value that sits in a base several overlays share: leave the base alone and patch the
 * object in the overlay at hand. The engine's fix, applied to the rendered object, gives the object wanted; the
 * fields it changes become a strategic merge patch (list items by their `name`, other lists whole, removed
 * fields as null), added inline to the root kustomization's `patches:`. Verified like every fix: built again,
 * the object is exactly what the engine's fix makes of it, no other object changes, the finding is gone.
 */
export function overlayPatchFix(a: TranslateArgs, kustomization: string): SourceFix | undefined {
  const fix = a.finding.fix;
  if (!fix || a.result.kind !== 'kustomize') return undefined;
  const text = a.fs.readText(kustomization);
  if (text === undefined) return undefined;
  const expectedEdits = fixEdits(a.rendered, a.finding);
  if (!expectedEdits) return undefined;
  const before = valueOf(a.rendered, a.finding.docIndex) as Record<string, unknown> | undefined;
  const after = valueOf(parseManifest(applyEdits(a.rendered.text, expectedEdits)), a.finding.docIndex) as Record<string, unknown> | undefined;
  if (!isObj(before) || !isObj(after)) return undefined;
  const changed = diffPaths(before, after);
  if (!changed.length) return undefined;
  const body: Record<string, unknown> = {};
  for (const p of changed) if (!addToPatch(body, before, after, p)) return undefined;
  const meta = isObj(before.metadata) ? before.metadata : {};
  const kind = String(before.kind ?? '');
  const name = String(meta.name ?? '');
  if (!kind || !name) return undefined;
  // patches run before the overlay's own namePrefix/nameSuffix: the name as its base wrote it, else as printed
  const ns = nodeSourceOf(a.rendered, a.finding.docIndex, a.result.map, ['metadata', 'name']);
  const written = ns ? (a.src.file(ns.file)?.docs[ns.doc]?.doc?.getIn(ns.path) as unknown) : undefined;
  const names = [...new Set([typeof written === 'string' ? written : name, name])];
  let files: SourceFix['files'] | undefined;
  for (const n of names) {
    const patch = { apiVersion: before.apiVersion, kind, metadata: { name: n }, ...body };
    const edit = patchEntryEdit(text, kind, n, patch);
    if (!edit) return undefined;
    if (patchVerified(a, kustomization, text, edit, after)) { files = [{ file: kustomization, edits: [edit] }]; break; }
  }
  if (!files) return undefined;
  return { title: `${fix.title} with a patch in ${a.display(kustomization)} (this overlay only)`, safety: 'review', files, objects: 1 };
}

function patchVerified(a: TranslateArgs, kustomization: string, text: string, edit: TextEdit, after: unknown): boolean {
  let again: RenderResult;
  try { again = a.rerender(overlayFs(a.fs, new Map([[kustomization, applyEdits(text, [edit])]]))); } catch { return false; }
  if (again.errors.length) return false;
  const now = parseManifest(again.text);
  if (now.fatal || now.docs.length !== a.rendered.docs.length) return false;
  for (let i = 0; i < now.docs.length; i++) {
    const want = i === a.finding.docIndex ? after : valueOf(a.rendered, i);
    if (!same(valueOf(now, i), want)) return false;
  }
  return !lintText(again.text, a.set).findings.some((g) => g.docIndex === a.finding.docIndex && g.ruleId === a.finding.ruleId
    && g.messageId === a.finding.messageId && JSON.stringify(g.path) === JSON.stringify(a.finding.path));
}

function isObj(v: unknown): v is Record<string, unknown> { return v !== null && typeof v === 'object' && !Array.isArray(v); }

/** Adds the change at `path` to a strategic merge patch body; false when it cannot be said as one. */
function addToPatch(body: Record<string, unknown>, before: unknown, after: unknown, path: Path): boolean {
  let out: Record<string, unknown> = body;
  let b: unknown = before, af: unknown = after;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (typeof key !== 'string' || !isObj(af)) return false;
    const nb = isObj(b) ? b[key] : undefined;
    const na = af[key];
    if (last || !(key in af)) { out[key] = key in af ? na : null; return true; }
    if (Array.isArray(na)) {
      const idx = path[i + 1];
      const item = typeof idx === 'number' ? na[idx] : undefined;
      const itemName = isObj(item) && typeof item.name === 'string' ? item.name : undefined;
      if (itemName === undefined || i + 1 === path.length - 1 || !Array.isArray(nb) || !nb.some((x) => isObj(x) && x.name === itemName)) { out[key] = na; return true; }
      const list = (Array.isArray(out[key]) ? out[key] : (out[key] = [])) as Array<Record<string, unknown>>;
      let entry = list.find((x) => x.name === itemName);
      if (!entry) list.push((entry = { name: itemName }));
      out = entry;
      b = nb.find((x) => isObj(x) && x.name === itemName);
      af = item;
      i++;
      continue;
    }
    if (!isObj(na)) { out[key] = na; return true; }
    out = (isObj(out[key]) ? out[key] : (out[key] = {})) as Record<string, unknown>;
    b = nb;
    af = na;
  }
  return false;
}

/** A plain YAML block for a patch (JSON-quoted strings where plain would read differently). */
function yamlBlock(v: unknown, indent: string): string {
  const scalar = (x: unknown) => (typeof x === 'string' && !/^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(x)) || (typeof x === 'string' && /^(true|false|null|yes|no|on|off|y|n|~)$/i.test(x)) ? JSON.stringify(x) : x === null ? 'null' : String(x);
  if (Array.isArray(v)) {
    if (!v.length) return ' []\n';
    return '\n' + v.map((x) => (isObj(x) || Array.isArray(x) ? `${indent}-${yamlBlock(x, indent + '  ').replace(/^\n\s*/, ' ')}` : `${indent}- ${scalar(x)}\n`)).join('');
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (!keys.length) return ' {}\n';
    return '\n' + keys.map((k) => `${indent}${/^[A-Za-z0-9_./-]+$/.test(k) ? k : JSON.stringify(k)}:${yamlBlock(v[k], indent + '  ')}`).join('');
  }
  return ` ${scalar(v)}\n`;
}

/** The text edit that adds an inline patch entry to a kustomization's `patches:` (created at the end if absent). */
function patchEntryEdit(text: string, kind: string, name: string, patch: Record<string, unknown>): TextEdit | undefined {
  const body = yamlBlock(patch, '    ').replace(/^\n/, '');
  const entry = (ind: string) => `${ind}- target:\n${ind}    kind: ${kind}\n${ind}    name: ${name}\n${ind}  patch: |-\n${body.split('\n').filter(Boolean).map((l) => `${ind}${l}`).join('\n')}\n`;
  const m = /^patches:[ \t]*(#.*)?\r?\n/m.exec(text);
  const end = text.length && !text.endsWith('\n') ? '\n' : '';
  if (!m) return { start: text.length, end: text.length, newText: `${end}patches:\n${entry('')}` };
  // the block sequence under `patches:` runs while lines are indented or are `-` items at column 0
  let at = m.index + m[0].length;
  const first = /^([ \t]*)- /.exec(text.slice(at));
  if (!first) return undefined;
  const ind = first[1];
  const lines = text.slice(at).split('\n');
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith(`${ind}- `) || (line.startsWith(`${ind}  `) || (ind === '' ? false : line.startsWith(ind + ' ')))) { at += line.length + 1; continue; }
    if (ind === '' && /^\s/.test(line)) { at += line.length + 1; continue; }
    break;
  }
  at = Math.min(at, text.length);
  return { start: at, end: at, newText: `${at === text.length ? end : ''}${entry(ind)}` };
}

/**
 * Every fix to offer for a rendered finding: the edit where the value was written (`translateFix`); and when that
 * file is a base other overlays share too (`reach`), a patch in the overlay at hand as the second choice.
 */
export function sourceFixes(a: TranslateArgs): SourceFix[] {
  const first = translateFix(a);
  const out = first ? [first] : [];
  if (a.result.kind === 'kustomize' && (!first || (first.reach?.length ?? 0) > 1)) {
    const k = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => `${a.result.root}/${n}`).find((f) => a.fs.stat(f) === 'file');
    const patch = k ? overlayPatchFix(a, k) : undefined;
    if (patch) out.push(patch);
  }
  return out;
}
