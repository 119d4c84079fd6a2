/** One YAML document's slice of a file: from its `---` line (or the file start) to the next one. */
export interface Chunk { start: number; end: number }

/**
 * Splits a file at lines that start with `---` followed by a space, a tab or the end of the line. A
 * line like that is a document marker wherever it appears, so every YAML document lies inside exactly
 * one chunk and each chunk can be parsed and linted on its own.
 */
export function splitChunks(text: string): Chunk[] {
  const starts: number[] = [0];
  let i = text.indexOf('\n---');
  while (i !== -1) {
    const at = i + 1;
    if (isMarkerEnd(text, at + 3)) starts.push(at);
    i = text.indexOf('\n---', at);
  }
  const out: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    out.push({ start, end });
  }
  return out;
}

function isMarkerEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A copy of a slice that does not keep the whole (multi-megabyte) parent string alive. */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

/** Number of line breaks in text[start, end). */
export function countLines(text: string, start: number, end: number): number {
  let n = 0;
  let i = text.indexOf('\n', start);
  while (i !== -1 && i < end) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}
