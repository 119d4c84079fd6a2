import type { ParseErrorInfo } from './types';
import { LineIndex } from './text';

type Utf8Check = (b: Uint8Array) => boolean;
const nativeIsUtf8: Utf8Check | undefined = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:buffer') as { isUtf8?: Utf8Check }).isUtf8;
  } catch {
    return undefined;
  }
})();

/** Deepest flow nesting or compact `- - -` chain we compose; deeper input is rejected before parsing.
 * Measured: a ~1,000-level flow sequence makes a second `yaml` parse abort Node (see docs/robustness.md). */
export const MAX_NESTING = 256;

export type Decoded = { ok: true; text: string } | { ok: false; error: ParseErrorInfo };

/** Strict UTF-8 decode of file bytes; strips a BOM. Names the line of the first invalid byte. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  // fast native check first; the byte-by-byte scan only runs to locate a problem
  const bad = nativeIsUtf8?.(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) { line++; lineStart = i + 1; }
    const character = bad - lineStart;
    return {
      ok: false,
      error: {
        code: 'invalid-utf8',
        message: `not a UTF-8 text file: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at line ${line + 1}`,
        range: { start: { line, character: 0 }, end: { line, character } },
      },
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Checks run on the text before the YAML parser sees it: control characters and nesting depth. */
export function checkText(text: string, lineStarts?: ReadonlyArray<number>): ParseErrorInfo | undefined {
  const ctl = findControlChar(text);
  if (ctl !== -1) {
    const idx = new LineIndex(text);
    const pos = idx.position(ctl);
    return {
      code: 'binary',
      message: `not a YAML text file: control character U+${text.charCodeAt(ctl).toString(16).padStart(4, '0').toUpperCase()} at line ${pos.line + 1}`,
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
    };
  }
  const deep = findExcessNesting(text, MAX_NESTING, lineStarts);
  if (deep !== -1) {
    const pos = new LineIndex(text).position(deep);
    return {
      code: 'nesting',
      message: `nesting deeper than ${MAX_NESTING} levels at line ${pos.line + 1}; refusing to parse (a YAML nesting bomb)`,
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
    };
  }
  return undefined;
}

/** Not a YAML text character here: C0 controls but tab and line breaks, DEL, U+FFFE and U+FFFF. */
const CONTROL_CHAR = /[^\t\n\r\x20-\x7e\x80-\ufffd]/;

function findControlChar(text: string): number {
  // a regex scan is far quicker than a JS loop on multi-MB input (and the negated class the quickest of its forms)
  return text.search(CONTROL_CHAR);
}

/**
 * Conservative depth scan: counts `[`/`{` nesting (reset at each line whose first word is a block key's) and chains of
 * compact sequence indicators on one line. It may over-count brackets inside strings, never under-count.
 * `lineStarts`: the offset of each line (LineIndex's), when already known.
 */
export function findExcessNesting(text: string, max: number, lineStarts?: ReadonlyArray<number>): number {
  // Line by line: only a line's leading blanks and indicators are read char by char; its brackets are found by
  // indexOf (one pointer per bracket character, each at the next one at or after the current line).
  const n = text.length;
  let depth = 0;
  let o1 = nextAt(text, '[', 0), o2 = nextAt(text, '{', 0), c1 = nextAt(text, ']', 0), c2 = nextAt(text, '}', 0);
  for (let s = 0, ln = 1; s < n; ln++) {
    let e: number;
    if (lineStarts) e = ln < lineStarts.length ? lineStarts[ln] - 1 : n;
    else {
      e = text.indexOf('\n', s);
      if (e === -1) e = n;
    }
    let dashes = 0;
    // the leading blanks and indicators matter only to end open brackets (a key) or for a long chain of
    // indicators (each takes two characters): most lines need no look at them
    for (let i = depth === 0 && e - s <= 2 * max ? e : s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) continue;
      if (c === 45 /* - */ || c === 63 /* ? */) {
        const nx = text.charCodeAt(i + 1);
        if (nx === 32 || nx === 9) {
          if (++dashes > max) return i;
          continue;
        }
      } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        // a block key first on its line ends any flow collection that could still be open
        depth = 0;
      }
      break;
    }
    // the line's brackets (its leading blanks and indicators hold none), in order
    for (;;) {
      const b = Math.min(o1, o2, c1, c2);
      if (b >= e) break;
      if (b === o1 || b === o2) {
        if (++depth > max) return b;
        if (b === o1) o1 = nextAt(text, '[', b + 1);
        else o2 = nextAt(text, '{', b + 1);
      } else {
        if (depth > 0) depth--;
        if (b === c1) c1 = nextAt(text, ']', b + 1);
        else c2 = nextAt(text, '}', b + 1);
      }
    }
    s = e + 1;
  }
  return -1;
}

/** The offset of the next `ch` at or after `from`, or the text's length. */
function nextAt(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i === -1 ? text.length : i;
}
