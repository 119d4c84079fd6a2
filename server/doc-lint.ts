import { checkText, lintText, type Finding, type ParseErrorInfo, type RuleSet } from '../engine';
import { countLines, detach, splitChunks } from './chunks';

/** What one chunk (one YAML document, usually) yields, in coordinates local to the chunk. */
export interface ChunkEntry {
  /** The chunk's text (a detached copy): the cache key, and what code actions re-parse. */
  text: string;
  /** Line breaks in the chunk, so later chunks know their first line. */
  lines: number;
  /** YAML documents the engine found in the chunk. */
  docs: number;
  findings: Finding[];
  errors: ParseErrorInfo[];
  fatal?: ParseErrorInfo;
}

/** A chunk placed in one version of the file. */
export interface PlacedChunk { start: number; end: number; line: number; docBase: number; entry: ChunkEntry }

export interface DocResult {
  version: number;
  /** Identifies the rule set the result was computed with. */
  key: string;
  chunks: PlacedChunk[];
  /** Findings in file coordinates (ranges, offsets and docIndex shifted). */
  findings: Finding[];
  errors: ParseErrorInfo[];
  /** Chunks linted in this run (the rest came from the cache). */
  linted: number;
}

/** Thrown when the work was superseded (newer version, cancelled request). */
export class Superseded extends Error {
  constructor(readonly reason: 'cancelled' | 'changed') { super(`lint ${reason}`); }
}

/** Lints one chunk; parse errors count only in documents that look like Kubernetes objects. */
export function lintChunk(text: string, set: RuleSet): ChunkEntry {
  const res = lintText(text, set);
  const lines = countLines(text, 0, text.length);
  if (res.parsed.fatal) return { text, lines, docs: 0, findings: [], errors: [], fatal: res.parsed.fatal };
  const errors: ParseErrorInfo[] = [];
  for (const pd of res.parsed.docs) {
    if (!pd.errors.length) continue;
    if (pd.kind === undefined && pd.apiVersion === undefined && !pd.errors.some((e) => e.code === 'rule-crash')) continue;
    for (const e of pd.errors) errors.push(e.range ? e : { ...e, range: res.parsed.lines.range(pd.start, pd.start) });
  }
  return { text, lines, docs: res.parsed.docs.length, findings: res.findings, errors };
}

function shiftFinding(f: Finding, line: number, offset: number, docBase: number): Finding {
  if (!line && !offset && !docBase) return f;
  return {
    ...f,
    range: { start: { line: f.range.start.line + line, character: f.range.start.character }, end: { line: f.range.end.line + line, character: f.range.end.character } },
    offsets: [f.offsets[0] + offset, f.offsets[1] + offset],
    docIndex: f.docIndex + docBase,
  };
}

function shiftError(e: ParseErrorInfo, line: number): ParseErrorInfo {
  if (!e.range || !line) return e;
  return { ...e, range: { start: { line: e.range.start.line + line, character: e.range.start.character }, end: { line: e.range.end.line + line, character: e.range.end.character } } };
}

/** Budget of synchronous work before yielding to the event loop (ms). */
const SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Per-document cache. Each chunk's result is kept under the chunk's text (a Map lookup hashes the
 * text and compares it), so an edit re-lints only the chunk it touched; the others are reused and
 * shifted to their new lines and offsets.
 */
export class DocLinter {
  private entries = new Map<string, ChunkEntry>();
  /** Chunks linted by runs that were superseded; reused by the next run, dropped on commit. */
  private spare = new Map<string, ChunkEntry>();
  private key = '';
  last?: DocResult;
  private inflight?: { version: number; key: string; promise: Promise<DocResult> };

  /** Resolves to the result for this version, linting what the cache cannot answer. */
  lint(text: string, version: number, set: RuleSet, key: string, stop: () => Superseded | undefined): Promise<DocResult> {
    if (this.last && this.last.version === version && this.last.key === key) return Promise.resolve(this.last);
    if (this.inflight && this.inflight.version === version && this.inflight.key === key) {
      // share the running work, but let this caller give up on its own terms
      const shared = this.inflight.promise;
      return shared.then(
        (r) => {
          const s = stop();
          if (s) throw s;
          return r;
        },
        (e: unknown) => {
          // the run we joined was given up by its own caller; this caller may still want the result
          if (e instanceof Superseded && !stop()) return this.lint(text, version, set, key, stop);
          throw e;
        },
      );
    }
    const promise = this.run(text, version, set, key, stop);
    const mine = { version, key, promise };
    this.inflight = mine;
    const clear = () => { if (this.inflight === mine) this.inflight = undefined; };
    promise.then(clear, clear);
    return promise;
  }

  private async run(text: string, version: number, set: RuleSet, key: string, stop: () => Superseded | undefined): Promise<DocResult> {
    if (key !== this.key) {
      this.entries.clear();
      this.spare.clear();
      this.key = key;
    }
    const chunks = splitChunks(text);
    const next = new Map<string, ChunkEntry>();
    const placed: PlacedChunk[] = [];
    let line = 0;
    let docBase = 0;
    let linted = 0;
    let sliceStart = Date.now();
    for (const c of chunks) {
      const slice = text.slice(c.start, c.end);
      let entry = this.entries.get(slice) ?? this.spare.get(slice) ?? next.get(slice);
      if (!entry) {
        if (Date.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          const s = stop();
          if (s) throw s;
          if (key !== this.key) throw new Superseded('changed');
          sliceStart = Date.now();
        }
        const own = detach(slice);
        entry = lintChunk(own, set);
        linted++;
        this.spare.set(own, entry);
        next.set(own, entry);
      } else if (!next.has(slice)) {
        next.set(entry.text, entry);
      }
      placed.push({ start: c.start, end: c.end, line, docBase, entry });
      line += entry.lines;
      docBase += entry.docs;
    }
    const s = stop();
    if (s) throw s;
    if (key !== this.key) throw new Superseded('changed');
    const findings: Finding[] = [];
    const errors: ParseErrorInfo[] = [];
    let fatal = false;
    for (const p of placed) {
      for (const f of p.entry.findings) findings.push(shiftFinding(f, p.line, p.start, p.docBase));
      for (const e of p.entry.errors) errors.push(shiftError(e, p.line));
      if (p.entry.fatal) fatal = true;
    }
    if (fatal) {
      // the guard's message names a line; take it from the whole file so the number is right
      const whole = checkText(text);
      if (whole) errors.unshift(whole);
    }
    this.entries = next;
    this.spare.clear();
    const result: DocResult = { version, key, chunks: placed, findings, errors, linted };
    this.last = result;
    return result;
  }

  /** The chunk of the last result holding a finding with this docIndex. */
  chunkOfDoc(docIndex: number): PlacedChunk | undefined {
    return this.last?.chunks.find((c) => docIndex >= c.docBase && docIndex < c.docBase + c.entry.docs);
  }
}
