import { planFix } from './fix';
import { verifyFix } from './fix-verify';
import { lintText, type RuleSet } from './lint';
import type { ParsedDoc, ParsedFile } from './parse';
import { applyEdits, diffEdit } from './text';
import type { Finding, FixOp, TextEdit } from './types';

/** Minimal edits for one finding's fix, verified by re-parsing its document; undefined if unsafe. */
export function fixEdits(parsed: ParsedFile, finding: Finding): TextEdit[] | undefined {
  const pd = parsed.docs[finding.docIndex];
  if (!finding.fix || !pd?.doc) return undefined;
  const edits = planIn(parsed, pd, finding.fix.ops);
  if (!edits) return undefined;
  return verifyIn(parsed, pd, edits, finding.fix.ops) ? edits : undefined;
}

/** The planned edits of `ops`, when they stay inside the document. */
function planIn(parsed: ParsedFile, pd: ParsedDoc, ops: ReadonlyArray<FixOp>, shared?: 'in-place'): TextEdit[] | undefined {
  const edits = planFix(parsed.text, pd.doc!, ops, parsed.lines, { shared });
  if (!edits) return undefined;
  for (const e of edits) if (e.start < pd.start || e.end > pd.end) return undefined;
  return edits;
}

/** Applies edits to the document's own text and verifies the ops (every other path keeps its value). */
function verifyIn(parsed: ParsedFile, pd: ParsedDoc, edits: ReadonlyArray<TextEdit>, ops: ReadonlyArray<FixOp>): boolean {
  const local = edits.map((e) => ({ ...e, start: e.start - pd.start, end: e.end - pd.start }));
  const docText = applyEdits(parsed.text.slice(pd.start, pd.end), local);
  return verifyFix(docText, ops, pd.doc, pd.value);
}

export interface FixAllResult {
  text: string;
  applied: Finding[];
  edit?: TextEdit;
  /** The round limit stopped the fixing while fixes were still being applied (run it again for the rest). */
  incomplete?: boolean;
  /** Lint-and-fix rounds it took (each lints the text once). */
  rounds: number;
}

interface Candidate { f: Finding; key: string; safe: TextEdit[]; inPlace?: TextEdit[] }

/**
 * Applies fixes in rounds, re-linting in between so fixes that touch the same object (two inserts into one
 * securityContext) compose correctly. In a round, every fix of a document whose edits neither overlap nor touch
 * another's is applied, and the document is verified once for all of them (every path but the fixed ones keeps
 * its value), so the number of rounds depends on how many fixes meet at one place, not on how many there are.
 * The result is one edit that spans only what changed.
 */
export function applyFixes(text: string, set: RuleSet, accept: (f: Finding) => boolean, maxRounds = 100): FixAllResult {
  let current = text;
  const applied: Finding[] = [];
  // fixes that cannot be planned, would change nothing or fail verification are not tried again; a fix that
  // changed the text may be offered again on the next round (after a removal the next list item takes its place)
  const failed = new Set<string>();
  let incomplete = false;
  let rounds = 0;
  for (;;) {
    rounds++;
    const { parsed, findings } = lintText(current, set);
    const byDoc = new Map<number, Candidate[]>();
    for (const f of findings) {
      if (!f.fix || !accept(f)) continue;
      const key = `${f.ruleId}|${f.docIndex}|${f.path.join('/')}|${f.messageId}|${f.message}|${f.offsets[0]}`;
      if (failed.has(key)) continue;
      const c = candidate(parsed, f, key);
      if (!c) { failed.add(key); continue; }
      const list = byDoc.get(f.docIndex);
      if (list) list.push(c);
      else byDoc.set(f.docIndex, [c]);
    }
    if (!byDoc.size) break;
    // the last round only looks: were there fixes left, the result says so
    if (rounds > maxRounds) { incomplete = true; break; }
    const edits: TextEdit[] = [];
    for (const [docIndex, cands] of byDoc) {
      const chosen = chooseForDocument(parsed, parsed.docs[docIndex], cands, failed);
      for (const c of chosen.picks) applied.push(c.f);
      edits.push(...chosen.edits);
    }
    if (!edits.length) break;
    current = applyEdits(current, edits);
  }
  return { text: current, applied, edit: diffEdit(text, current), rounds, ...(incomplete ? { incomplete } : {}) };
}

function candidate(parsed: ParsedFile, f: Finding, key: string): Candidate | undefined {
  const pd = parsed.docs[f.docIndex];
  if (!pd?.doc || !f.fix) return undefined;
  const safe = planIn(parsed, pd, f.fix.ops);
  if (!safe || safe.every((x) => parsed.text.slice(x.start, x.end) === x.newText)) return undefined;
  const inPlace = planIn(parsed, pd, f.fix.ops, 'in-place');
  return { f, key, safe, inPlace: inPlace && !sameEdits(inPlace, safe) ? inPlace : undefined };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean { return a.start === b.start && a.end === b.end && a.newText === b.newText; }
function sameEdits(a: ReadonlyArray<TextEdit>, b: ReadonlyArray<TextEdit>): boolean { return a.length === b.length && a.every((e, i) => sameEdit(e, b[i])); }

/** Fixes whose edits neither overlap nor touch each other's (an edit identical to one taken is shared). */
function pick(cands: ReadonlyArray<Candidate>, editsOf: (c: Candidate) => TextEdit[]): { picks: Candidate[]; edits: TextEdit[] } {
  const picks: Candidate[] = [];
  const edits: TextEdit[] = [];
  for (const c of cands) {
    const mine = editsOf(c);
    const fits = mine.every((e) => edits.every((x) => sameEdit(e, x) || e.end < x.start || x.end < e.start));
    if (!fits) continue;
    picks.push(c);
    for (const e of mine) if (!edits.some((x) => sameEdit(e, x))) edits.push(e);
  }
  return { picks, edits };
}

/**
 * The fixes of one document applied this round. First the fixes edit shared (anchored) nodes in place, which is
 * right when the batch fixes every path that shares them alike (two containers with one aliased
 * securityContext); then each fix's own unshared edits; when the batch fails, each fix alone.
 */
function chooseForDocument(parsed: ParsedFile, pd: ParsedDoc, cands: Candidate[], failed: Set<string>): { picks: Candidate[]; edits: TextEdit[] } {
  const ops = (picks: Candidate[]) => picks.flatMap((c) => c.f.fix!.ops);
  if (cands.some((c) => c.inPlace)) {
    const together = pick(cands, (c) => c.inPlace ?? c.safe);
    if (together.picks.some((c) => c.inPlace) && verifyIn(parsed, pd, together.edits, ops(together.picks))) return together;
  }
  const batch = pick(cands, (c) => c.safe);
  if (verifyIn(parsed, pd, batch.edits, ops(batch.picks))) return batch;
  const alone = batch.picks.filter((c) => {
    if (verifyIn(parsed, pd, c.safe, c.f.fix!.ops)) return true;
    failed.add(c.key);
    return false;
  });
  if (alone.length > 1) {
    const again = pick(alone, (c) => c.safe);
    if (verifyIn(parsed, pd, again.edits, ops(again.picks))) return again;
  }
  return alone.length ? { picks: [alone[0]], edits: alone[0].safe } : { picks: [], edits: [] };
}
