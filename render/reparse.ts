import { visit, type Document } from 'yaml';
import { checkText, LineIndex, parseManifest, type ParsedDoc, type ParsedFile, type ParseOptions } from '../engine';

/**
 * parseManifest of a build's output, given the parse of the previous output of the same build (the language
 * server rebuilding a kustomization after a keystroke). The output is cut at its `---` lines into documents; a
 * document whose text the previous output had too and that was not composed (a CRD, which rules only look up:
 * most of the bytes of an install bundle) is taken over without reading it again, its object included (a
 * lookup composed it at most once). Every other document is parsed alone and moved to its place. The result
 * equals parseManifest(text, opts); whenever that is not plain to see (a suppression comment, a document that
 * does not parse as exactly one, a text check that fails), the whole text is parsed as usual.
 */
export function reparseManifest(text: string, prev: ParsedFile | undefined, opts: ParseOptions): ParsedFile {
  const parsed = reparse(text, prev, opts);
  parsedWith.set(parsed, { kinds: opts.kinds, lazy: opts.lazy });
  return parsed;
}

/** The kinds each parse composed and left lazy: a document is taken over only from a parse with the same. */
const parsedWith = new WeakMap<ParsedFile, Pick<ParseOptions, 'kinds' | 'lazy'>>();

function reparse(text: string, prev: ParsedFile | undefined, opts: ParseOptions): ParsedFile {
  const was = prev && parsedWith.get(prev);
  if (!prev || !was || was.kinds !== opts.kinds || was.lazy !== opts.lazy || prev.fatal || opts.narrow || text.includes('kubehex-disable') || prev.text.includes('kubehex-disable')) return parseManifest(text, opts);
  const reusable = new Map<string, ParsedDoc>();
  for (const pd of prev.docs) {
    if (pd.doc || pd.errors.length || pd.duplicates.length || pd.narrow) continue;
    reusable.set(prev.text.slice(pd.start, pd.end), pd);
  }
  if (!reusable.size) return parseManifest(text, opts);
  const cuts = [0];
  for (let i = text.indexOf('\n---\n'); i !== -1; i = text.indexOf('\n---\n', i + 1)) cuts.push(i + 1);
  cuts.push(text.length);
  const lines = new LineIndex(text);
  const docs: ParsedDoc[] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const start = cuts[c];
    const end = cuts[c + 1];
    const chunk = text.slice(start, end);
    const old = reusable.get(chunk);
    if (old) {
      const pd: ParsedDoc = { ...old, index: docs.length, start, end, errors: [], duplicates: [], comments: [] };
      if (old.lazy) pd.lazy = { ...old.lazy, text };
      docs.push(pd);
      continue;
    }
    if (checkText(chunk)) return parseManifest(text, opts);
    const one = parseManifest(chunk, opts);
    if (one.fatal || one.docs.length !== 1 || one.docs[0].start !== 0 || one.docs[0].end !== chunk.length) return parseManifest(text, opts);
    docs.push(moved(one.docs[0], docs.length, start, lines.position(start).line, text));
  }
  if (!docs.length) return parseManifest(text, opts);
  return { text, lines, docs };
}

/** A document parsed alone, moved to offset `base` (line `lineBase`, at a line start) of `text`. */
function moved(pd: ParsedDoc, index: number, base: number, lineBase: number, text: string): ParsedDoc {
  const out: ParsedDoc = {
    ...pd, index, start: pd.start + base, end: pd.end + base,
    errors: pd.errors.map((e) => (e.range ? { ...e, range: { start: { ...e.range.start, line: e.range.start.line + lineBase }, end: { ...e.range.end, line: e.range.end.line + lineBase } } } : e)),
    comments: pd.comments.map((c) => ({ ...c, offset: c.offset + base, end: c.end + base })),
  };
  if (pd.lazy) out.lazy = { ...pd.lazy, text };
  if (pd.doc) shiftDocument(pd.doc, base);
  return out;
}

/** Adds `delta` to every offset of a composed document (node ranges, error positions). */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  const seen = new Set<unknown>();
  const shift = (r: number[] | undefined | null) => {
    if (!r || seen.has(r)) return;
    seen.add(r);
    for (let i = 0; i < r.length; i++) r[i] += delta;
  };
  shift(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) shift(e.pos);
  visit(doc, { Node: (_k, node) => { shift(node.range); } });
}
