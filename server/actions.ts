import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, applyFixes, fixEdits, lintText, type Finding, type ObjectRef, type RuleSet, type TextEdit as EngineEdit } from '../engine';
import { SOURCE, isFindingData } from './convert';
import { splitRuleSet, type ChunkEntry, type DocResult, type PlacedChunk } from './doc-lint';

export const FIX_ALL_KIND = 'source.fixAll.kubehex';
export const HARDEN_KIND = CodeActionKind.RefactorRewrite;

function samePath(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && a.apiVersion === b.apiVersion && (a.namespace ?? '') === (b.namespace ?? '');
}

function sameRange(d: Diagnostic, f: Finding): boolean {
  const a = d.range;
  const b = f.range;
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function codeOf(d: Diagnostic): string | undefined {
  return typeof d.code === 'string' ? d.code : typeof d.code === 'number' ? String(d.code) : undefined;
}

/** The finding a diagnostic stands for: by its `data`, or (clients that drop `data`) by rule id and range. */
export function findingFor(result: DocResult, d: Diagnostic): Finding | undefined {
  if (d.source !== undefined && d.source !== SOURCE) return undefined;
  if (isFindingData(d.data)) {
    const data = d.data;
    return result.findings.find((f) => f.ruleId === data.ruleId && f.docIndex === data.docIndex && samePath(f.path, data.path));
  }
  const code = codeOf(d);
  return code ? result.findings.find((f) => f.ruleId === code && sameRange(d, f)) : undefined;
}

function chunkOf(result: DocResult, docIndex: number): PlacedChunk | undefined {
  return result.chunks.find((c) => docIndex >= c.docBase && docIndex < c.docBase + c.entry.docs);
}

function toLsp(doc: TextDocument, e: EngineEdit, shift: number): TextEdit {
  return { range: { start: doc.positionAt(e.start + shift), end: doc.positionAt(e.end + shift) }, newText: e.newText };
}

/** The rule's own fix for one finding, as minimal edits in file coordinates. */
export function quickFixEdits(doc: TextDocument, result: DocResult, set: RuleSet, f: Finding): TextEdit[] | undefined {
  if (!f.fix) return undefined;
  const chunk = chunkOf(result, f.docIndex);
  if (!chunk) return undefined;
  const localDoc = f.docIndex - chunk.docBase;
  // a cross-object finding: its chunk kept the parse it was found in
  const cross = chunk.entry.parsed && chunk.entry.cross?.findings.find((x) => x.ruleId === f.ruleId && x.docIndex === localDoc && samePath(x.path, f.path) && x.messageId === f.messageId);
  if (cross) return fixEdits(chunk.entry.parsed!, cross)?.map((e) => toLsp(doc, e, chunk.start));
  const { parsed, findings } = memo(chunk.entry, set, 'lint', () => lintText(chunk.entry.text, set));
  const local = findings.find((x) => x.ruleId === f.ruleId && x.docIndex === f.docIndex - chunk.docBase && samePath(x.path, f.path) && x.messageId === f.messageId);
  if (!local) return undefined;
  const edits = fixEdits(parsed, local);
  return edits?.map((e) => toLsp(doc, e, chunk.start));
}

/**
 * What code actions work out per chunk (its lint, its fix-all and harden results), kept with the chunk's cache
 * entry: the editor asks for code actions on every cursor move, and an unchanged chunk keeps its entry (and
 * this) across versions. Keyed by the rule set and by the generation of the cross-object findings it used.
 */
const perChunk = new WeakMap<ChunkEntry, { set: RuleSet; generation: number; values: Map<string, unknown> }>();
function memo<T>(entry: ChunkEntry, set: RuleSet, key: string, compute: () => T): T {
  const generation = entry.cross?.generation ?? -1;
  let m = perChunk.get(entry);
  if (!m || m.set !== set || m.generation !== generation) perChunk.set(entry, (m = { set, generation, values: new Map() }));
  if (!m.values.has(key)) m.values.set(key, compute());
  return m.values.get(key) as T;
}

/** `# kubehex-disable-next-line RULE` above the finding's line, at that line's indentation. */
export function disableLineEdit(doc: TextDocument, f: Finding): TextEdit {
  const line = f.range.start.line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const m = /^([ \t]*)((?:-[ \t]+)*)/.exec(text)!;
  const indent = m[1] + m[2].replace(/-/g, ' ');
  const eol = text.endsWith('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# kubehex-disable-next-line ${f.ruleId}${eol}` };
}

function crossKey(f: Finding): string { return `${f.ruleId}|${f.docIndex}|${f.messageId}|${f.path.join('/')}`; }

/** Every `safe` fix in the file, applied per chunk and returned as one minimal edit. */
export function fixAllEdit(doc: TextDocument, result: DocResult, set: RuleSet): TextEdit | undefined {
  const text = doc.getText();
  const parts: EngineEdit[] = [];
  for (const c of result.chunks) {
    if (!c.entry.findings.some((f) => f.fix?.safety === 'safe') && !c.entry.cross?.findings.some((f) => f.fix?.safety === 'safe')) continue;
    // the chunk is re-linted on its own: take a cross-object fix only where the workspace view has the finding too
    const crossIds = new Set(splitRuleSet(set).cross?.rules.map((r) => r.rule.meta.id) ?? []);
    const shown = new Set((c.entry.cross?.findings ?? []).map(crossKey));
    const r = memo(c.entry, set, 'fix-all', () => applyFixes(c.entry.text, set, (f) => f.fix?.safety === 'safe' && (!crossIds.has(f.ruleId) || shown.has(crossKey(f)))));
    if (r.edit) parts.push({ start: r.edit.start + c.start, end: r.edit.end + c.start, newText: r.edit.newText });
  }
  if (!parts.length) return undefined;
  if (parts.length === 1) return toLsp(doc, parts[0], 0);
  const first = parts[0].start;
  const last = parts[parts.length - 1].end;
  const local = parts.map((p) => ({ ...p, start: p.start - first, end: p.end - first }));
  const span = applyEdits(text.slice(first, last), local);
  return toLsp(doc, { start: first, end: last, newText: span }, 0);
}

/** Every fix (safe and review) for one object, as one edit: one undo step. */
export function hardenEdit(doc: TextDocument, result: DocResult, set: RuleSet, target: Finding): { edit: TextEdit; count: number; incomplete?: boolean } | undefined {
  const chunk = chunkOf(result, target.docIndex);
  if (!chunk) return undefined;
  const localDoc = target.docIndex - chunk.docBase;
  const o = target.object;
  const r = memo(chunk.entry, set, `harden|${localDoc}|${o.apiVersion}|${o.kind}|${o.namespace ?? ''}|${o.name}`, () => {
    const crossIds = new Set(splitRuleSet(set).cross?.rules.map((x) => x.rule.meta.id) ?? []);
    const shown = new Set((chunk.entry.cross?.findings ?? []).map(crossKey));
    return applyFixes(chunk.entry.text, set, (f) => f.docIndex === localDoc && sameObject(f.object, o) && (!crossIds.has(f.ruleId) || shown.has(crossKey(f))));
  });
  if (!r.edit || !r.applied.length) return undefined;
  return { edit: toLsp(doc, r.edit, chunk.start), count: r.applied.length, ...(r.incomplete ? { incomplete: true } : {}) };
}

function wants(only: ReadonlyArray<string> | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function overlaps(f: Finding, p: CodeActionParams): boolean {
  const r = p.range;
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
  return !before(f.range.end, r.start) && !before(r.end, f.range.start);
}

export function codeActions(doc: TextDocument, result: DocResult, set: RuleSet, params: CodeActionParams, diagnosticFor: (f: Finding) => Diagnostic): CodeAction[] {
  const only = params.context.only;
  const uri = doc.uri;
  const out: CodeAction[] = [];
  const targets: Array<{ f: Finding; d: Diagnostic }> = [];
  for (const d of params.context.diagnostics) {
    const f = findingFor(result, d);
    if (f && !targets.some((t) => t.f === f)) targets.push({ f, d });
  }
  if (!params.context.diagnostics.length) for (const f of result.findings) if (overlaps(f, params)) targets.push({ f, d: diagnosticFor(f) });

  if (wants(only, CodeActionKind.QuickFix)) {
    for (const { f, d } of targets) {
      const edits = quickFixEdits(doc, result, set, f);
      if (edits?.length) out.push({ title: f.fix!.title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [d], edit: { changes: { [uri]: edits } } });
    }
    for (const { f, d } of targets) {
      out.push({ title: `Disable ${f.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [disableLineEdit(doc, f)] } } });
    }
  }

  const hardenAs = wants(only, HARDEN_KIND) ? HARDEN_KIND : wants(only, CodeActionKind.QuickFix) ? CodeActionKind.QuickFix : undefined;
  if (hardenAs) {
    const done: Finding[] = [];
    for (const { f } of targets) {
      if (done.some((x) => x.docIndex === f.docIndex && sameObject(x.object, f.object))) continue;
      done.push(f);
      if (!result.findings.some((x) => x.fix && x.docIndex === f.docIndex && sameObject(x.object, f.object))) continue;
      const h = hardenEdit(doc, result, set, f);
      if (!h) continue;
      const name = f.object.name ? `${f.object.kind} ${f.object.name}` : f.object.kind;
      // never silently partial: when the round limit stopped it, the title says that more fixes remain
      const more = h.incomplete ? '; more remain: harden again after it' : '';
      out.push({ title: `Harden ${name} (apply ${h.count} fix${h.count === 1 ? '' : 'es'}${more})`, kind: hardenAs, edit: { changes: { [uri]: [h.edit] } } });
    }
  }

  if (only && (wants(only, FIX_ALL_KIND))) {
    const e = fixAllEdit(doc, result, set);
    if (e) out.push({ title: 'Fix all safe kubehex problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [e] } } });
  }
  return out;
}
