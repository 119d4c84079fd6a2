import { planFix, verifyFix } from './fix';
import { lintText, type RuleSet } from './lint';
import type { ParsedFile } from './parse';
import { applyEdits, diffEdit } from './text';
import type { Finding, TextEdit } from './types';

/** Minimal edits for one finding's fix, verified by re-parsing its document; undefined if unsafe. */
export function fixEdits(parsed: ParsedFile, finding: Finding): TextEdit[] | undefined {
  const pd = parsed.docs[finding.docIndex];
  if (!finding.fix || !pd?.doc) return undefined;
  const edits = planFix(parsed.text, pd.doc, finding.fix.ops, parsed.lines);
  if (!edits) return undefined;
  for (const e of edits) if (e.start < pd.start || e.end > pd.end) return undefined;
  const local = edits.map((e) => ({ ...e, start: e.start - pd.start, end: e.end - pd.start }));
  const docText = applyEdits(parsed.text.slice(pd.start, pd.end), local);
  return verifyFix(docText, finding.fix.ops, pd.doc) ? edits : undefined;
}

/** The document slice may start with `---`; the composer reads it either way. */

export interface FixAllResult { text: string; applied: Finding[]; edit?: TextEdit }

/**
 * Applies fixes one document-round at a time, re-linting in between so fixes that touch the same
 * object (two inserts into one securityContext) compose correctly. The result is one edit that spans
 * only what changed.
 */
export function applyFixes(text: string, set: RuleSet, accept: (f: Finding) => boolean, maxRounds = 200): FixAllResult {
  let current = text;
  const applied: Finding[] = [];
  // fixes that cannot be planned, or would change nothing, are not tried again; a fix that changed the
  // text may be offered again on the next round (after a removal the next list item takes its place)
  const failed = new Set<string>();
  for (let round = 0; round < maxRounds; round++) {
    const { parsed, findings } = lintText(current, set);
    const edits: TextEdit[] = [];
    const docsTouched = new Set<number>();
    for (const f of findings) {
      if (!f.fix || !accept(f) || docsTouched.has(f.docIndex)) continue;
      const key = `${f.ruleId}|${f.docIndex}|${f.path.join('/')}|${f.messageId}|${f.message}|${f.offsets[0]}`;
      if (failed.has(key)) continue;
      const e = fixEdits(parsed, f);
      if (!e || e.every((x) => current.slice(x.start, x.end) === x.newText)) {
        failed.add(key);
        continue;
      }
      edits.push(...e);
      docsTouched.add(f.docIndex);
      applied.push(f);
    }
    if (!edits.length) break;
    current = applyEdits(current, edits);
  }
  return { text: current, applied, edit: diffEdit(text, current) };
}
